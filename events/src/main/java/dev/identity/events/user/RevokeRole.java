package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeRole(@TargetAggregateIdentifier String userId, String tenantId, String role)
        implements TenantScoped {}
