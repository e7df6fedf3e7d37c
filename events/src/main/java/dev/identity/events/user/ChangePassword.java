package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The new password arrives hashed; the gateway has checked the current one. */
public record ChangePassword(@TargetAggregateIdentifier String userId, String tenantId, String passwordHash)
        implements TenantScoped {

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
