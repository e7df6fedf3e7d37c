package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Spends the presented refresh token (by hash) and puts the new one in its place. */
public record RefreshSession(
        @TargetAggregateIdentifier String sessionId, String tenantId, String presentedHash, String newHash, Instant at)
        implements TenantScoped {}
