package dev.identity.gateway.operations;

import dev.identity.query.replay.Rebuild;
import java.util.List;

/**
 * One event processor across all instances.
 *
 * @param position the lowest position its segments have reached (every event up to it is processed)
 * @param head the newest position in the event store
 * @param replaying whether a reset is being processed; {@code progress} is then the share done (0..1)
 * @param eventsPerSecond measured over the last sampling interval; null before the second sample
 * @param etaSeconds at that rate, how long until it reaches the head; null when unknown
 * @param owners the instances holding its segments
 * @param rebuild the latest rebuild of this projection, if any: while it is in progress, reads are answered
 *        by the tables as they were when it started
 */
public record ProcessorStatus(String name, int segments, long position, long head, long lag, boolean replaying,
                              Double progress, Double eventsPerSecond, Long etaSeconds, List<String> owners,
                              Rebuild rebuild) {
}
