package dev.identity.gateway.operations;

import dev.identity.gateway.consistency.ConsistencyProperties;
import dev.identity.gateway.consistency.LiveInstances;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Shares the processors' segments among the live instances. Axon's tracking processors claim whatever
 * segment is free, so the first instance to start owns them all and every other instance only appends. Each
 * instance here, every {@link ConsistencyProperties#instancesInterval()}, works out which instance each
 * segment it owns belongs to, and releases those that belong to another live one, whose idle processor
 * thread claims it within Axon's token claim interval. A segment's instance is the same on every instance
 * that sees the same lists: every processor's segments (the rows of {@code token_entry}) in order are dealt
 * round the live instances in name order, so each instance gets as many as any other, give or take one, and
 * a processor's segments go to different instances. A newcomer gets its share within one interval of joining; a leaver's
 * segments are claimed by the others once its claims time out (at once if it shut down cleanly).
 *
 * <p>An instance that does not run a processor (its {@code identity.stream.publish} off, say) never claims
 * what is released to it, so the releaser takes the segment back when the release ends: that instance is
 * then passed over for that processor for {@link #PASSED_OVER_FOR}.
 */
@Component
public class SegmentSharing implements SchedulingConfigurer {

    static final Duration PASSED_OVER_FOR = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);

    private final EventProcessingConfiguration processing;
    private final LiveInstances instances;
    private final JdbcClient jdbc;
    private final Duration interval;
    private final Duration releaseFor;
    /** "processor segment": to whom and when this instance released it. */
    private final Map<String, Release> released = new ConcurrentHashMap<>();
    /** "processor instance": until when that instance is passed over for that processor. */
    private final Map<String, Instant> passedOver = new ConcurrentHashMap<>();

    private volatile boolean sharing;

    SegmentSharing(
            EventProcessingConfiguration processing,
            LiveInstances instances,
            JdbcClient jdbc,
            ConsistencyProperties properties) {
        this.sharing = properties.shareSegments();
        this.processing = processing;
        this.instances = instances;
        this.jdbc = jdbc;
        this.interval = properties.instancesInterval();
        // long enough for the other instance to claim it, short enough to take it back soon if it does not
        this.releaseFor = interval.multipliedBy(2).plusSeconds(10);
    }

    /**
     * Turns sharing on or off while running (the test suite, whose many short-lived application contexts
     * would otherwise pass segments to each other all the time, turns it on where it tests it). Off, this
     * instance keeps what it claims.
     */
    public void sharing(boolean on) {
        sharing = on;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::share, interval);
    }

    void share() {
        if (!sharing) {
            return;
        }
        List<String> live = instances.lastSeen();
        String self = instances.self();
        if (!live.contains(self) || live.size() < 2) {
            return;
        }
        Instant now = Instant.now();
        List<String> segments = jdbc.sql("SELECT processor_name || ' ' || segment FROM token_entry"
                        + " ORDER BY processor_name, segment")
                .query(String.class)
                .list();
        Set<String> owned = new HashSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                for (int segment : streaming.processingStatus().keySet()) {
                    String key = name + " " + segment;
                    owned.add(key);
                    share(key, name, streaming, segment, segments.indexOf(key), live, self, now);
                }
            }
        });
        // claimed by the instance it was released to
        released.entrySet()
                .removeIf(release -> !owned.contains(release.getKey())
                        && release.getValue().at().plus(releaseFor).isBefore(now));
    }

    private void share(
            String key,
            String processor,
            StreamingEventProcessor streaming,
            int segment,
            int position,
            List<String> live,
            String self,
            Instant now) {
        if (position < 0) {
            return;
        }
        Release earlier = released.remove(key);
        if (earlier != null && earlier.at().plus(releaseFor).isBefore(now)) {
            // released, not claimed, and taken back: that instance does not run this processor
            passedOver.put(processor + " " + earlier.to(), now.plus(PASSED_OVER_FOR));
            log.info(
                    "{} did not claim segment {} of {}; it is passed over for that processor for {}",
                    earlier.to(),
                    segment,
                    processor,
                    PASSED_OVER_FOR);
        }
        List<String> candidates = live.stream()
                .filter(instance -> instance.equals(self) || !passedOver(processor, instance, now))
                .toList();
        String owner = candidates.get(position % candidates.size());
        if (!owner.equals(self)) {
            log.info("Releasing segment {} of {} to {}, whose share it is", segment, processor, owner);
            released.put(key, new Release(owner, now));
            streaming.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean passedOver(String processor, String instance, Instant now) {
        Instant until = passedOver.get(processor + " " + instance);
        return until != null && until.isAfter(now);
    }

    private record Release(String to, Instant at) {}
}
