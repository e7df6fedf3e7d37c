package dev.identity.events.tenant;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateTenant(@TargetAggregateIdentifier String tenantId, String slug, String name,
                           boolean selfRegistration) implements TenantScoped, AllowedOnSuspendedTenant {
}
