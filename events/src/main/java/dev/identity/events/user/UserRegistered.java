package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * The hash stays in the event store because login is rebuilt from it; it is removed from everything
 * published outside (Kafka, audit views).
 */
@Revision("1")
public record UserRegistered(String userId, String tenantId, String email, String passwordHash,
                             String displayName, Set<String> roles) implements TenantScoped {

    public UserRegistered {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "UserRegistered[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + "]";
    }
}
