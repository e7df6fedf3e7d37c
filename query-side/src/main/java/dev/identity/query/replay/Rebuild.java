package dev.identity.query.replay;

import java.time.Instant;

/**
 * The latest rebuild of a projection.
 *
 * @param headAtStart the newest event when it started: the replay reaches it, then follows new events
 * @param finishedAt when the rebuilt tables replaced the served ones; null while reads are still answered
 *        from the tables as they were when the rebuild started
 */
public record Rebuild(String processingGroup, long headAtStart, Instant startedAt, Instant finishedAt) {

    public boolean inProgress() {
        return finishedAt == null;
    }
}
