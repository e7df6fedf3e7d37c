package dev.identity.events.audit;

import dev.identity.events.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user as they were at an instant, rebuilt from their events (and their sessions' events) up to it.
 *
 * @param version the sequence number of the user's last event at that instant
 */
public record UserStateView(
        String userId,
        String tenantId,
        Instant at,
        String email,
        String displayName,
        UserStatus status,
        Set<String> roles,
        Instant passwordChangedAt,
        Instant lockedUntil,
        List<SessionStateView> sessions,
        long version) {}
