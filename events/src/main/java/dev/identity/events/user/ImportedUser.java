package dev.identity.events.user;

import dev.identity.events.common.SortedSets;
import java.util.Set;

/**
 * One user of an {@link ImportUsers} batch, its password already hashed by the system it comes from and
 * converted to the stored form ({@code {bcrypt}...}, {@code {argon2}...}, {@code {pbkdf2-sha256}...}).
 */
public record ImportedUser(String userId, String email, String passwordHash, String displayName, Set<String> roles) {

    public ImportedUser {
        roles = SortedSets.copyOf(roles);
    }

    @Override
    public String toString() {
        return "ImportedUser[userId=" + userId + ", roles=" + roles + "]";
    }
}
