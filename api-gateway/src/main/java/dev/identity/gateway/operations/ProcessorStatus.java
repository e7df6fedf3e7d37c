package dev.identity.gateway.operations;

import dev.identity.query.replay.Rebuild;
import java.util.List;

/**
 * One event processor across all instances.
 *
 * @param position the lowest position its segments have reached (every event up to it is processed)
 * @param head the newest position in the event store
 * @param replaying whether it is being rebuilt (or, for the Kafka publisher, rewound); {@code progress} is
 *        then the share of the history done (0..1)
 * @param eventsPerSecond measured over the last sampling interval: of the replay while one runs, else of the
 *        processor itself; null before the second sample
 * @param etaSeconds at that rate, how long until it (or its replay) reaches the head; null when unknown
 * @param owners the instances holding its segments
 * @param rebuild the latest rebuild of this projection, if any. While it is in progress, a processor of its
 *        own replays into new tables on the instance named {@code owner}, and this processor keeps the
 *        served tables current; {@code position}, {@code lag} and {@code owners} are this processor's
 */
public record ProcessorStatus(
        String name,
        int segments,
        long position,
        long head,
        long lag,
        boolean replaying,
        Double progress,
        Double eventsPerSecond,
        Long etaSeconds,
        List<String> owners,
        Rebuild rebuild) {}
