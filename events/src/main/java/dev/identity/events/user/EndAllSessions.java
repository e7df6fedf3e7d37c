package dev.identity.events.user;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends every session of the user at once, by moving the user to a new credential epoch. */
public record EndAllSessions(@TargetAggregateIdentifier String userId, String tenantId)
        implements TenantScoped, AllowedOnSuspendedTenant {}
