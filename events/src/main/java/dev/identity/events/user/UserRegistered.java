package dev.identity.events.user;

import dev.identity.events.common.SortedSets;
import dev.identity.events.common.TenantScoped;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * The hash stays in the event store because login is rebuilt from it; it is removed from everything
 * published outside (Kafka, audit views).
 *
 * <p>Revision 2 added {@code registeredBy}; revision 1 events are upcast, deriving it from their actor.
 */
@Revision("2")
public record UserRegistered(
        String userId,
        String tenantId,
        String email,
        String passwordHash,
        String displayName,
        Set<String> roles,
        Registration registeredBy)
        implements TenantScoped {

    public UserRegistered {
        roles = SortedSets.copyOf(roles);
    }

    @Override
    public String toString() {
        return "UserRegistered[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + ", registeredBy="
                + registeredBy + "]";
    }
}
