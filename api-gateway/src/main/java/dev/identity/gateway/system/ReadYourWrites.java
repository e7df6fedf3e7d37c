package dev.identity.gateway.system;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import dev.identity.gateway.access.AccessCache;
import dev.identity.query.replay.ProjectionRebuilds;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for API clients: after a command returns, the write waits (bounded) until the read model
 * has applied the aggregate's latest event, so the caller's next read shows its own change. Projections run
 * asynchronously; this wait is what lets them.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    /** Live projections show a write within milliseconds; one being rebuilt not before its switch. */
    private static final Duration WAIT_WHILE_REBUILDING = Duration.ofSeconds(1);

    private final EventStore eventStore;
    private final ConsistencyProperties properties;
    private final AccessCache accessCache;
    private final ProjectionRebuilds rebuilds;

    public ReadYourWrites(EventStore eventStore, ConsistencyProperties properties, AccessCache accessCache,
                          ProjectionRebuilds rebuilds) {
        this.eventStore = eventStore;
        this.properties = properties;
        this.accessCache = accessCache;
        this.rebuilds = rebuilds;
    }

    /**
     * Waits until {@code read} returns a view whose version reaches the aggregate's last event, and returns
     * that view. If the wait times out, returns the newest view there is (possibly empty) and logs it.
     * Either way this instance's access cache forgets the aggregate, so the caller's next request is
     * authorized on the new state (other instances learn it from the event stream).
     *
     * <p>While a projection is rebuilt, its tables stay as they were when the rebuild started, so a write it
     * answers cannot be seen until the switch: then the wait is short, and ends in {@link WriteNotYetVisible}
     * (202) rather than a stale or missing view.
     *
     * @throws WriteNotYetVisible when a rebuild is in progress and the view did not show the write in time
     */
    public <V> Optional<V> await(String aggregateId, Supplier<Optional<V>> read, ToLongFunction<V> version) {
        long expected = eventStore.lastSequenceNumberFor(aggregateId).orElse(0L);
        try {
            return awaitVersion(aggregateId, expected, read, version);
        } finally {
            accessCache.evict(aggregateId, expected);
        }
    }

    private <V> Optional<V> awaitVersion(String aggregateId, long expected, Supplier<Optional<V>> read,
                                         ToLongFunction<V> version) {
        boolean rebuilding = rebuilds.anyInProgress();
        Duration wait = rebuilding && properties.readModelWait().compareTo(WAIT_WHILE_REBUILDING) > 0
                ? WAIT_WHILE_REBUILDING : properties.readModelWait();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<V> view = read.get();
            if (view.isPresent() && version.applyAsLong(view.get()) >= expected) {
                return view;
            }
            if (System.nanoTime() > deadline && rebuilding) {
                throw new WriteNotYetVisible(aggregateId);
            }
            if (System.nanoTime() > deadline) {
                log.warn("Read model did not reach version {} of aggregate {} within {}", expected, aggregateId,
                        properties.readModelWait());
                return view;
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the read model", e);
        }
    }
}
