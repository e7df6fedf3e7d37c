package dev.identity.gateway.consistency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a write that changes access, makes every live instance forget the aggregate before the write
 * answers. The live instances are those whose listener connection is in {@code pg_stat_activity}
 * ({@link LiveInstances}, read at each fence, so a newcomer is never missed); a fence
 * ({@code NOTIFY} on {@link #CHANNEL}: fence id, version, aggregate id) reaches each listener, which evicts
 * and acknowledges on {@link #ACK_CHANNEL}. The write waits for every acknowledgement, at most
 * {@link ListenerProperties#fenceWait() lease plus a margin}: an instance silent that long has lost its
 * lease, and reads the database. A crashed instance's connection is gone from {@code pg_stat_activity}, so
 * nobody waits for it. See docs/adr/0002-revocation-is-fenced-across-instances.md.
 */
@Component
public class Fences {

    static final String CHANNEL = "identity_fence";
    static final String ACK_CHANNEL = "identity_fence_ack";

    private static final Logger log = LoggerFactory.getLogger(Fences.class);

    private final JdbcClient jdbc;
    private final Instance instance;
    private final LiveInstances instances;
    private final Duration wait;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Timer acknowledged;
    private final Timer timedOut;
    private final Counter timeouts;

    Fences(
            JdbcClient jdbc,
            Instance instance,
            LiveInstances instances,
            ListenerProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.instances = instances;
        this.wait = properties.fenceWait();
        this.acknowledged = fenceTimer(meters, "acknowledged");
        this.timedOut = fenceTimer(meters, "timeout");
        this.timeouts = Counter.builder("identity.consistency.fence.timeouts")
                .description("Fences answered without every live instance's acknowledgement")
                .register(meters);
    }

    private static Timer fenceTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("identity.consistency.fence")
                .tag("outcome", outcome)
                .description("Fences of writes that change access, by how their wait ended")
                .register(meters);
    }

    /**
     * Returns once every other live instance has evicted {@code version} of the aggregate, or after the wait
     * has run out (logged, and counted in {@code identity_consistency_fence_timeouts_total}). Alone, returns
     * at once.
     */
    public void fence(String aggregateId, long version) {
        List<String> others = instances.others();
        if (others.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        String id = instance.id() + ":" + sequence.incrementAndGet();
        Pending fence = new Pending(others);
        pending.put(id, fence);
        try {
            // a notification needs no disk flush: if the server crashes, every listener reconnects anyway
            jdbc.sql("SELECT set_config('synchronous_commit', 'off', true), pg_notify(:channel, :payload)::text")
                    .param("channel", CHANNEL)
                    .param("payload", id + " " + version + " " + aggregateId)
                    .query((row, number) -> number)
                    .list();
            // the wait starts once the fence has committed: a silent instance's lease ran from a round trip sent
            // before that, so it has expired when the wait does
            if (fence.await(wait)) {
                acknowledged.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            } else {
                timedOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                timeouts.increment();
                log.warn(
                        "Fence {} of {} (version {}) had no acknowledgement from {} within {}; answering: they no "
                                + "longer trust their caches",
                        id,
                        aggregateId,
                        version,
                        fence.silent(),
                        wait);
            }
        } finally {
            pending.remove(id);
        }
    }

    /** Whether this fence is one of this instance's own (its listener receives those too). */
    boolean own(String fenceId) {
        return fenceId.startsWith(instance.id() + ":");
    }

    /** An acknowledgement, {@code <fence id> <instance id>}; only the fence's writer is waiting for it. */
    void acknowledged(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0) {
            return;
        }
        Pending fence = pending.get(payload.substring(0, space));
        if (fence != null) {
            fence.acknowledge(Instance.APPLICATION_NAME_PREFIX + payload.substring(space + 1));
        }
    }

    static String acknowledgement(String fenceId, Instance instance) {
        return fenceId + " " + instance.id();
    }

    /** A fence's payload read back; null if it is not one. */
    static Fence parse(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 3) {
            return null;
        }
        try {
            return new Fence(parts[0], parts[2], Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    record Fence(String id, String aggregateId, long version) {}

    private static final class Pending {

        private final Set<String> waitingFor = ConcurrentHashMap.newKeySet();
        private final CountDownLatch done = new CountDownLatch(1);

        Pending(List<String> instances) {
            waitingFor.addAll(instances);
        }

        void acknowledge(String applicationName) {
            if (waitingFor.remove(applicationName) && waitingFor.isEmpty()) {
                done.countDown();
            }
        }

        boolean await(Duration wait) {
            try {
                return done.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the instances' acknowledgements", e);
            }
        }

        Set<String> silent() {
            return Set.copyOf(waitingFor);
        }
    }
}
