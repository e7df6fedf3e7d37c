package dev.identity.gateway.operations;

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
 */
public record ProcessorStatus(String name, int segments, long position, long head, long lag, boolean replaying,
                              Double progress, Double eventsPerSecond, Long etaSeconds, List<String> owners) {
}
