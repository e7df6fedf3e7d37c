package dev.identity.events.session;

import java.time.Instant;

/** A session as its owner and administrators see it: no token material. */
public record SessionView(
        String id,
        String tenantId,
        String userId,
        SessionStatus status,
        Instant startedAt,
        Instant lastRefreshedAt,
        Instant idleExpiresAt,
        Instant expiresAt,
        Instant revokedAt,
        RevocationReason revocationReason,
        String clientIp,
        String userAgent,
        long version) {}
