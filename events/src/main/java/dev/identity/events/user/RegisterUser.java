package dev.identity.events.user;

import dev.identity.events.common.SortedSets;
import dev.identity.events.common.TenantScoped;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an account. The password arrives already hashed: plaintext never enters a message. */
public record RegisterUser(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        String email,
        String passwordHash,
        String displayName,
        Set<String> roles,
        Registration registeredBy)
        implements TenantScoped {

    public RegisterUser {
        roles = SortedSets.copyOf(roles);
    }

    @Override
    public String toString() {
        return "RegisterUser[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + "]";
    }
}
