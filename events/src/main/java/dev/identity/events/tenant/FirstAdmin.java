package dev.identity.events.tenant;

import dev.identity.events.common.SortedSets;
import dev.identity.events.user.Registration;
import java.util.Set;

/** The user a new tenant starts with. The password arrives already hashed. */
public record FirstAdmin(
        String userId,
        String email,
        String passwordHash,
        String displayName,
        Set<String> roles,
        Registration registeredBy) {

    public FirstAdmin {
        roles = SortedSets.copyOf(roles);
    }

    @Override
    public String toString() {
        return "FirstAdmin[userId=" + userId + ", roles=" + roles + "]";
    }
}
