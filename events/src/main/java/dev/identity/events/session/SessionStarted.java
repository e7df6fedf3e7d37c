package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * @param credentialEpoch the user's credential epoch when they logged in; the session stands only while it is
 *                        not older than the user's ({@code 0} in events stored before epochs existed)
 */
@Revision("1")
public record SessionStarted(
        String sessionId,
        String tenantId,
        String userId,
        String refreshTokenHash,
        long idleTimeoutSeconds,
        Instant startedAt,
        Instant idleExpiresAt,
        Instant expiresAt,
        String clientIp,
        String userAgent,
        long credentialEpoch)
        implements TenantScoped {}
