package dev.identity.gateway.consistency;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Whether this instance may trust its caches: only while the listener's last confirmed round trip was sent
 * less than {@link ListenerProperties#lease()} ago. PostgreSQL sends a connection's notifications in commit
 * order ahead of the answer to any later query, so a round trip sent after a fence committed, once answered,
 * proves the fence was received (and, since the listener handles what it received before confirming,
 * applied). A writer waits for a silent instance at most a lease (plus a margin): by then that instance has
 * either applied the fence or stopped trusting its caches.
 *
 * <p>Read on every cached lookup, so it is one volatile read and a {@code nanoTime} comparison. Written only
 * by the listener's thread.
 */
@Component
public final class Lease {

    private final long durationNanos;
    /** {@code nanoTime} at which the last confirmed round trip was sent. */
    private volatile long confirmedAt;
    /** Changes whenever the connection is lost or opened: a value read under an older term is not cached. */
    private volatile long term;

    Lease(ListenerProperties properties, MeterRegistry meters) {
        this.durationNanos = properties.lease().toNanos();
        this.confirmedAt = expired();
        Gauge.builder("identity.consistency.lease.held", this, lease -> lease.held() ? 1 : 0)
                .description("1 while this instance trusts its caches (its listener proved itself within the lease)")
                .register(meters);
    }

    public boolean held() {
        return System.nanoTime() - confirmedAt < durationNanos;
    }

    /** Changes when the lease is lost or the connection opened again: compare it before and after a load. */
    public long term() {
        return term;
    }

    /** A round trip sent at {@code sentAt} has been answered, and everything received before it handled. */
    void confirm(long sentAt) {
        confirmedAt = sentAt;
    }

    /** The connection broke, or is being opened: nothing is trusted until a round trip is confirmed. */
    void lose() {
        confirmedAt = expired();
        term++;
    }

    private long expired() {
        return System.nanoTime() - durationNanos - 1;
    }
}
