package dev.identity.events.tenant;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SuspendTenant(@TargetAggregateIdentifier String tenantId)
        implements TenantScoped, AllowedOnSuspendedTenant {}
