package dev.identity.query.replay;

import java.time.Instant;

/**
 * The latest rebuild of a projection.
 *
 * @param processor the processor replaying into the new tables; several projections rebuilt together share it
 * @param headAtStart the newest event when it started: the replay reaches it, then follows new events
 * @param position how far the replay has come (all of its segments), as its owner last reported; -1 before
 *        its first report
 * @param owner the instance running it
 * @param heartbeatAt when the owner last reported; a rebuild it has stopped reporting on may be taken over
 * @param finishedAt when the rebuilt tables replaced the served ones; null while in progress
 */
public record Rebuild(
        String processingGroup,
        String processor,
        long headAtStart,
        long position,
        String owner,
        Instant startedAt,
        Instant heartbeatAt,
        Instant finishedAt) {

    public boolean inProgress() {
        return finishedAt == null;
    }

    /** The share of the history replayed so far, 0..1. */
    public double progress() {
        return headAtStart <= 0 ? 1.0 : Math.min(1.0, Math.max(0, position) / (double) headAtStart);
    }
}
