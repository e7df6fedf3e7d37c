package dev.identity.events.session;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeSession(@TargetAggregateIdentifier String sessionId, String tenantId, RevocationReason reason)
        implements TenantScoped, AllowedOnSuspendedTenant {}
