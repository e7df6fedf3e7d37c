package dev.identity.gateway.consistency;

import dev.identity.query.system.ProjectionApplied;
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
 * segment that applies it.
 */
@Component
public class ProjectionWaits {

    /** processor, then aggregate id, then the waits for it. */
    private final Map<String, Map<String, Set<Wait>>> waits = new ConcurrentHashMap<>();
    private volatile boolean listening;

    /**
     * Starts listening for the aggregate's batches. Register before reading the view for the first time: a
     * batch applied after that wakes the wait, even before it has begun to wait.
     */
    public Wait register(String processor, String aggregateId) {
        Wait wait = new Wait(processor, aggregateId);
        // added inside compute: a concurrent close() of the last other wait removes the set in compute too
        waits.computeIfAbsent(processor, name -> new ConcurrentHashMap<>()).compute(aggregateId, (id, waiting) -> {
            Set<Wait> set = waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
            set.add(wait);
            return set;
        });
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
        Map<String, Set<Wait>> ofProcessor = waits.get(batch.processor());
        if (ofProcessor == null) {
            return;
        }
        if (batch.everyAggregate()) {
            ofProcessor.values().forEach(each -> each.forEach(Wait::wake));
            return;
        }
        for (String aggregateId : batch.aggregateIds()) {
            Set<Wait> waiting = ofProcessor.get(aggregateId);
            if (waiting != null) {
                waiting.forEach(Wait::wake);
            }
        }
    }

    /** The listener has (re)connected: whatever was applied meanwhile was not notified here. */
    void wakeAll() {
        waits.values().forEach(ofProcessor -> ofProcessor.values().forEach(each -> each.forEach(Wait::wake)));
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
        private final Semaphore batches = new Semaphore(0);

        private Wait(String processor, String aggregateId) {
            this.processor = processor;
            this.aggregateId = aggregateId;
        }

        /**
         * Waits at most {@code nanos} for a batch of the aggregate (or of every aggregate) to be applied since
         * registration or the previous call; true if one was.
         */
        public boolean await(long nanos) throws InterruptedException {
            boolean applied = batches.tryAcquire(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
            batches.drainPermits();
            return applied;
        }

        private void wake() {
            batches.release();
        }

        @Override
        public void close() {
            remove(this);
        }
    }
}
