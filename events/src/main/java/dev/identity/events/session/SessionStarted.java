package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SessionStarted(String sessionId, String tenantId, String userId, String refreshTokenHash,
                             long idleTimeoutSeconds, Instant startedAt, Instant idleExpiresAt, Instant expiresAt,
                             String clientIp, String userAgent) implements TenantScoped {
}
