package dev.identity.events.user;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a failed login into the account's history. {@code lockedUntil} is set when this failure used up the
 * account's allowance and further attempts are refused until then.
 */
public record RecordFailedLogin(
        @TargetAggregateIdentifier String userId, String tenantId, String clientIp, Instant lockedUntil)
        implements TenantScoped, AllowedOnSuspendedTenant {}
