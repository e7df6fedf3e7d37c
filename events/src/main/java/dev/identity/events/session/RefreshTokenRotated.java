package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RefreshTokenRotated(
        String sessionId,
        String tenantId,
        String userId,
        String spentHash,
        String newHash,
        Instant refreshedAt,
        Instant idleExpiresAt)
        implements TenantScoped {}
