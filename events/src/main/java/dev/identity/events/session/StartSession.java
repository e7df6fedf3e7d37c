package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param refreshTokenHash SHA-256 (hex) of the first refresh token
 * @param idleTimeoutSeconds how long the session lives without a refresh
 * @param expiresAt when the session ends whatever happens (absolute lifetime)
 * @param credentialEpoch the user's credential epoch the password was checked against: a session cannot start
 *                        on credentials that have changed since
 */
public record StartSession(
        @TargetAggregateIdentifier String sessionId,
        String tenantId,
        String userId,
        String refreshTokenHash,
        long idleTimeoutSeconds,
        Instant startedAt,
        Instant expiresAt,
        String clientIp,
        String userAgent,
        long credentialEpoch)
        implements TenantScoped {}
