package dev.identity.gateway.system;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import dev.identity.gateway.access.AccessCache;
import dev.identity.query.deadletter.DeadLetters;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for API clients: after a command returns, the write waits (bounded) until the read model
 * has applied the aggregate's latest event, so the caller's next read shows its own change. Projections run
 * asynchronously; this wait is what lets them. A write whose sequence the projection has parked in its
 * dead-letter queue will not show until an operator acts, so it is answered at once instead of after the
 * whole wait: the change is stored, the read model stalled ({@link ReadModelStalledException}).
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final EventStore eventStore;
    private final ConsistencyProperties properties;
    private final AccessCache accessCache;
    private final DeadLetters deadLetters;

    public ReadYourWrites(EventStore eventStore, ConsistencyProperties properties, AccessCache accessCache,
                          DeadLetters deadLetters) {
        this.eventStore = eventStore;
        this.properties = properties;
        this.accessCache = accessCache;
        this.deadLetters = deadLetters;
    }

    /**
     * Waits until {@code read} returns a view whose version reaches the aggregate's last event, and returns
     * that view. If the wait times out, returns the newest view there is and logs it; if there is none yet (a
     * new aggregate), throws {@link ReadModelStalledException#behind}.
     * Either way this instance's access cache forgets the aggregate, so the caller's next request is
     * authorized on the new state (other instances learn it from the event stream).
     *
     * @param processor the projection {@code read} answers from
     * @param sequence the sequence that projection puts the aggregate's events in (the aggregate, or its tenant)
     * @throws ReadModelStalledException when that projection has parked the sequence, or has no view at all
     *                                   of the aggregate after the wait
     */
    public <V> Optional<V> await(String processor, String sequence, String aggregateId, Supplier<Optional<V>> read,
                                 ToLongFunction<V> version) {
        long expected = eventStore.lastSequenceNumberFor(aggregateId).orElse(0L);
        try {
            return awaitVersion(processor, sequence, aggregateId, expected, read, version);
        } finally {
            accessCache.evict(aggregateId, expected);
        }
    }

    private <V> Optional<V> awaitVersion(String processor, String sequence, String aggregateId, long expected,
                                         Supplier<Optional<V>> read, ToLongFunction<V> version) {
        long started = System.nanoTime();
        long deadline = started + properties.readModelWait().toNanos();
        long nextStallCheck = started + properties.stallCheckAfter().toNanos();
        while (true) {
            Optional<V> view = read.get();
            if (view.isPresent() && version.applyAsLong(view.get()) >= expected) {
                return view;
            }
            long now = System.nanoTime();
            if (now > nextStallCheck) {
                if (deadLetters.parked(processor, List.of(sequence, aggregateId))) {
                    throw ReadModelStalledException.parked(processor, aggregateId);
                }
                nextStallCheck = now + properties.stallCheckInterval().toNanos();
            }
            if (now > deadline) {
                log.warn("Read model did not reach version {} of aggregate {} within {}", expected, aggregateId,
                        properties.readModelWait());
                if (view.isEmpty()) {
                    // answering the caller's own new aggregate with 404 would tell it the write failed
                    throw ReadModelStalledException.behind(processor, aggregateId);
                }
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
