package dev.identity.gateway.consistency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.query.system.ProjectionApplied;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Writes waiting for a projection to apply their aggregate, woken by the projection's notifications
 * ({@link ProjectionApplied}) as this instance's listener receives them. Every instance receives every
 * projection's notifications, so a write waits the same way whichever instance's processor owns the
 * segment that applies it. A notification names each aggregate's latest sequence, so a wait is woken only
 * once its own event has been applied, and the write reads its view once; the sequences of the last
 * {@value #REMEMBERED} aggregates notified are kept for a while, for a write whose event was applied before
 * it began to wait.
 */
@Component
public class ProjectionWaits {

    static final int REMEMBERED = 10_000;

    /** processor, then aggregate id, then the waits for it. */
    private final Map<String, Map<String, Set<Wait>>> waits = new ConcurrentHashMap<>();
    /** "processor aggregate" to the latest sequence notified. */
    private final Cache<String, Long> applied = Caffeine.newBuilder()
            .maximumSize(REMEMBERED)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    private volatile boolean listening;

    /**
     * Starts listening for the aggregate's batches up to {@code sequence}. A batch that applied it, notified
     * before or after registration, makes the wait {@link Wait#reached() reached}, and wakes it.
     */
    public Wait register(String processor, String aggregateId, long sequence) {
        Wait wait = new Wait(processor, aggregateId, sequence);
        // added inside compute: a concurrent close() of the last other wait removes the set in compute too
        waits.computeIfAbsent(processor, name -> new ConcurrentHashMap<>()).compute(aggregateId, (id, waiting) -> {
            Set<Wait> set = waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
            set.add(wait);
            return set;
        });
        // after adding: a batch notified from here on finds the wait; one notified before is remembered
        Long notified = applied.getIfPresent(key(processor, aggregateId));
        if (notified != null) {
            wait.wake(notified);
        }
        return wait;
    }

    /** Whether notifications can arrive now; while not, waits must poll. */
    public boolean listening() {
        return listening;
    }

    void listening(boolean listening) {
        this.listening = listening;
    }

    void applied(ProjectionApplied.Batch batch) {
        // remembered before the waits are looked up: register() adds, then looks here
        batch.sequences()
                .forEach((aggregateId, sequence) ->
                        applied.asMap().merge(key(batch.processor(), aggregateId), sequence, Math::max));
        Map<String, Set<Wait>> ofProcessor = waits.get(batch.processor());
        if (ofProcessor == null) {
            return;
        }
        if (batch.everyAggregate()) {
            ofProcessor.values().forEach(each -> each.forEach(Wait::look));
            return;
        }
        batch.sequences().forEach((aggregateId, sequence) -> {
            Set<Wait> waiting = ofProcessor.get(aggregateId);
            if (waiting != null) {
                waiting.forEach(wait -> wait.wake(sequence));
            }
        });
    }

    /** The listener has (re)connected: whatever was applied meanwhile was not notified here. */
    void wakeAll() {
        waits.values().forEach(ofProcessor -> ofProcessor.values().forEach(each -> each.forEach(Wait::look)));
    }

    private static String key(String processor, String aggregateId) {
        return processor + " " + aggregateId;
    }

    private void remove(Wait wait) {
        Map<String, Set<Wait>> ofProcessor = waits.get(wait.processor);
        if (ofProcessor != null) {
            ofProcessor.computeIfPresent(wait.aggregateId, (id, waiting) -> {
                waiting.remove(wait);
                return waiting.isEmpty() ? null : waiting;
            });
        }
    }

    /** One write's wait for its aggregate; close it when done. */
    public final class Wait implements AutoCloseable {

        private final String processor;
        private final String aggregateId;
        private final long sequence;
        private final Semaphore batches = new Semaphore(0);
        private volatile boolean reached;

        private Wait(String processor, String aggregateId, long sequence) {
            this.processor = processor;
            this.aggregateId = aggregateId;
            this.sequence = sequence;
        }

        /** Whether a notification said the awaited sequence has been applied: the view shows it. */
        public boolean reached() {
            return reached;
        }

        /**
         * Waits at most {@code nanos} for a batch that applied the awaited sequence, or one that may have (of
         * every aggregate, or after the listener reconnected), since registration or the previous call; true
         * if one was.
         */
        public boolean await(long nanos) throws InterruptedException {
            boolean applied = batches.tryAcquire(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
            batches.drainPermits();
            return applied;
        }

        private void wake(long applied) {
            if (applied >= sequence) {
                reached = true;
                batches.release();
            }
        }

        private void look() {
            batches.release();
        }

        @Override
        public void close() {
            remove(this);
        }
    }
}
