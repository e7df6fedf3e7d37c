package dev.identity.gateway.write;

import dev.identity.command.eventstore.CommittedVersions;
import dev.identity.gateway.access.AccessCache;
import dev.identity.gateway.consistency.ConsistencyProperties;
import dev.identity.gateway.consistency.Fences;
import dev.identity.gateway.consistency.ProjectionWaits;
import dev.identity.gateway.web.ReadModelStalledException;
import dev.identity.query.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for API clients: after a command returns, the write waits (bounded) until the read model
 * has applied the event it wrote (known on the request's thread, {@link CommittedVersions}; the aggregate's
 * latest when it wrote none), so the caller's next read shows its own change. Projections run
 * asynchronously; this wait is what lets them. A write whose sequence the projection has parked in its
 * dead-letter queue will not show until an operator acts, so it is answered at once instead of after the
 * whole wait: the change is stored, the read model stalled ({@link ReadModelStalledException}).
 *
 * <p>The wait sleeps until the projection says it has applied the write's event, then reads the view once
 * (unless the caller needs none, {@link #awaitApplied}):
 * each projection batch sends a PostgreSQL {@code NOTIFY} as it commits, naming each aggregate's latest
 * sequence, and every instance's listener receives it ({@link ProjectionWaits}). So a write waits the same way when another instance's processor owns the
 * segment that applies it: that processor's notification reaches this instance too. If none comes, the view
 * is read again every {@code fallback-interval}, and every {@code poll-interval} while this instance's
 * listener is disconnected.
 *
 * <p>A write to an existing aggregate may take access away (a session revoked, a role removed, a user
 * deactivated), and every instance caches access: once its read model shows it, the write is fenced on
 * every live instance ({@link Fences}) before it answers, so no instance accepts what it revoked. A write
 * that cannot change access says so ({@link AccessChange#NONE}).
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    /** Whether a write can change what someone may do, and so must be fenced on every instance. */
    public enum AccessChange {
        /** Fenced when it changes an existing aggregate (a new one is in no instance's cache yet). */
        POSSIBLE,
        /** Never fenced: the write changes nobody's access (a refresh token's rotation). */
        NONE
    }

    /** What ended a wait, as counted in {@code identity_read_model_wait_seconds{woken=...}}. */
    private enum Woken {
        /** The view was there at the first read: its batch was notified before the wait began. */
        NONE,
        NOTIFICATION,
        /** No notification came within the fallback interval (or before a stall check). */
        FALLBACK,
        /** The listener is disconnected: the view is polled. */
        POLLING,
        TIMEOUT,
        PARKED
    }

    private final EventStore eventStore;
    private final CommittedVersions committedVersions;
    private final ConsistencyProperties properties;
    private final AccessCache accessCache;
    private final DeadLetters deadLetters;
    private final ProjectionWaits waits;
    private final Fences fences;
    private final Map<Woken, Timer> waited = new EnumMap<>(Woken.class);

    public ReadYourWrites(
            EventStore eventStore,
            CommittedVersions committedVersions,
            ConsistencyProperties properties,
            AccessCache accessCache,
            DeadLetters deadLetters,
            ProjectionWaits waits,
            Fences fences,
            MeterRegistry meters) {
        this.eventStore = eventStore;
        this.committedVersions = committedVersions;
        this.properties = properties;
        this.accessCache = accessCache;
        this.deadLetters = deadLetters;
        this.waits = waits;
        this.fences = fences;
        for (Woken woken : Woken.values()) {
            waited.put(
                    woken,
                    Timer.builder("identity.read.model.wait")
                            .description("Writes' waits for their read model, by what ended the last sleep")
                            .tag("woken", woken.name().toLowerCase(Locale.ROOT))
                            .register(meters));
        }
    }

    /** {@link #await(String, String, String, Supplier, ToLongFunction, AccessChange)} of a write that may change access. */
    public <V> Optional<V> await(
            String processor,
            String sequence,
            String aggregateId,
            Supplier<Optional<V>> read,
            ToLongFunction<V> version) {
        return await(processor, sequence, aggregateId, read, version, AccessChange.POSSIBLE);
    }

    /**
     * Waits until {@code read} returns a view whose version reaches the aggregate's last event, and returns
     * that view. If the wait times out, returns the newest view there is and logs it; if there is none yet (a
     * new aggregate), throws {@link ReadModelStalledException#behind}.
     * Either way this instance's access cache forgets the aggregate, so the caller's next request is
     * authorized on the new state; unless {@code change} is {@link AccessChange#NONE}, every other live
     * instance's has forgotten it too when this returns (or has stopped trusting its caches).
     *
     * @param processor the projection {@code read} answers from
     * @param sequence the sequence that projection puts the aggregate's events in (the aggregate, or its tenant)
     * @throws ReadModelStalledException when that projection has parked the sequence, or has no view at all
     *                                   of the aggregate after the wait
     */
    public <V> Optional<V> await(
            String processor,
            String sequence,
            String aggregateId,
            Supplier<Optional<V>> read,
            ToLongFunction<V> version,
            AccessChange change) {
        return await(processor, sequence, aggregateId, read, version, change, true);
    }

    /**
     * As {@link #await(String, String, String, Supplier, ToLongFunction, AccessChange)}, for a caller that needs
     * no view: once a notification says the projection applied the write, it returns without reading it;
     * {@code read} is used only when no notification comes.
     */
    public <V> void awaitApplied(
            String processor,
            String sequence,
            String aggregateId,
            Supplier<Optional<V>> read,
            ToLongFunction<V> version,
            AccessChange change) {
        await(processor, sequence, aggregateId, read, version, change, false);
    }

    private <V> Optional<V> await(
            String processor,
            String sequence,
            String aggregateId,
            Supplier<Optional<V>> read,
            ToLongFunction<V> version,
            AccessChange change,
            boolean viewWanted) {
        // what this thread's command wrote, or (a command that changed nothing) whatever the aggregate has
        long expected = committedVersions
                .of(aggregateId)
                .orElseGet(() -> eventStore.lastSequenceNumberFor(aggregateId).orElse(0L));
        Optional<V> view;
        try (ProjectionWaits.Wait wait = waits.register(processor, aggregateId, expected)) {
            view = awaitVersion(wait, processor, sequence, aggregateId, expected, read, version, viewWanted);
        } finally {
            accessCache.evict(aggregateId, expected);
        }
        if (change == AccessChange.POSSIBLE && expected > 0) {
            fences.fence(aggregateId, expected);
        }
        return view;
    }

    private <V> Optional<V> awaitVersion(
            ProjectionWaits.Wait wait,
            String processor,
            String sequence,
            String aggregateId,
            long expected,
            Supplier<Optional<V>> read,
            ToLongFunction<V> version,
            boolean viewWanted) {
        long started = System.nanoTime();
        long deadline = started + properties.readModelWait().toNanos();
        long nextStallCheck = started + properties.stallCheckAfter().toNanos();
        Woken woken = Woken.NONE;
        // while listening, the view is read once a notification says it shows the write (or could), or when
        // none came for a while
        boolean look = wait.reached() || !waits.listening();
        Optional<V> view = Optional.empty();
        while (true) {
            if (!viewWanted && wait.reached()) {
                record(woken, started);
                return Optional.empty();
            }
            if (look) {
                view = read.get();
                if (view.isPresent() && version.applyAsLong(view.get()) >= expected) {
                    record(woken, started);
                    return view;
                }
            }
            long now = System.nanoTime();
            if (now - nextStallCheck > 0) {
                if (deadLetters.parked(processor, List.of(sequence, aggregateId))) {
                    record(Woken.PARKED, started);
                    throw ReadModelStalledException.parked(processor, aggregateId);
                }
                nextStallCheck = now + properties.stallCheckInterval().toNanos();
            }
            if (now - deadline > 0 && look) {
                record(Woken.TIMEOUT, started);
                log.warn(
                        "Read model did not reach version {} of aggregate {} within {}",
                        expected,
                        aggregateId,
                        properties.readModelWait());
                if (view.isEmpty()) {
                    // answering the caller's own new aggregate with 404 would tell it the write failed
                    throw ReadModelStalledException.behind(processor, aggregateId);
                }
                return view;
            }
            boolean listening = waits.listening();
            long interval = (listening ? properties.fallbackInterval() : properties.pollInterval()).toNanos();
            long until = Math.min(now + interval, Math.min(nextStallCheck, deadline));
            woken = sleep(wait, until - now) ? Woken.NOTIFICATION : listening ? Woken.FALLBACK : Woken.POLLING;
            look = true;
        }
    }

    private static boolean sleep(ProjectionWaits.Wait wait, long nanos) {
        try {
            return wait.await(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the read model", e);
        }
    }

    private void record(Woken woken, long started) {
        waited.get(woken).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
