package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The new password arrives hashed; the gateway has checked the current one.
 *
 * @param keepSessionId the session the change is made from, which carries over to the new credentials (every
 *                      other session ends); {@code null} to end them all
 */
public record ChangePassword(
        @TargetAggregateIdentifier String userId, String tenantId, String passwordHash, String keepSessionId)
        implements TenantScoped {

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
