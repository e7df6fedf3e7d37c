package dev.identity.query.access;

import dev.identity.events.session.SessionStatus;

/**
 * Whether a session still stands; {@code version} is the sequence number of its latest event applied.
 *
 * @param credentialEpoch the user's credential epoch the session belongs to
 */
public record SessionRecord(String sessionId, String tenantId, String userId, SessionStatus status,
                            long credentialEpoch, long version) {
}
