package dev.identity.events.audit;

import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionStatus;
import java.time.Instant;

/** One of the user's sessions as it was at the instant asked for. */
public record SessionStateView(
        String sessionId,
        SessionStatus status,
        Instant startedAt,
        Instant lastRefreshedAt,
        Instant idleExpiresAt,
        Instant expiresAt,
        RevocationReason revocationReason) {}
