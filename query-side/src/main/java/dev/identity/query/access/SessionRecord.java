package dev.identity.query.access;

import dev.identity.events.session.SessionStatus;
import java.time.Instant;

/**
 * Whether a session still stands; {@code version} is the sequence number of its latest event applied.
 *
 * @param credentialEpoch the user's credential epoch the session belongs to
 * @param idleExpiresAt when the session ends unless refreshed before
 * @param expiresAt when the session ends whatever happens
 */
public record SessionRecord(
        String sessionId,
        String tenantId,
        String userId,
        SessionStatus status,
        long credentialEpoch,
        Instant idleExpiresAt,
        Instant expiresAt,
        long version) {

    /** The status at {@code now}: an active session past either expiry has expired, event or not. */
    public SessionStatus statusAt(Instant now) {
        return status == SessionStatus.ACTIVE && (!now.isBefore(idleExpiresAt) || !now.isBefore(expiresAt))
                ? SessionStatus.EXPIRED
                : status;
    }
}
