package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a password change refused for a wrong current password into the user's history. */
public record RecordFailedPasswordChange(
        @TargetAggregateIdentifier String userId, String tenantId, String clientIp) implements TenantScoped {}
