package dev.identity.events.tenant;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a tenant together with its first admin, in one unit of work: there is never a tenant without one.
 */
public record CreateTenant(
        @TargetAggregateIdentifier String tenantId,
        String slug,
        String name,
        boolean selfRegistration,
        FirstAdmin admin)
        implements TenantScoped, AllowedOnSuspendedTenant {}
