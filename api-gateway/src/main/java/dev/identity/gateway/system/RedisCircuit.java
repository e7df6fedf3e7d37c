package dev.identity.gateway.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Redis is an optimisation here (the access cache) or has a stand-in (the login throttle's own buckets),
 * so a request must not wait for it once it is known to be down: after a failure, every user of Redis on
 * this instance skips it for {@code identity.redis.retry-after}; then one call tries it again, and its
 * success closes the circuit. Without this, each Redis call of each request waited out the Redis timeout.
 */
@Component
public final class RedisCircuit {

    private static final Logger log = LoggerFactory.getLogger(RedisCircuit.class);

    private final long retryAfterNanos;
    private final Duration retryAfter;
    /** When the next call may try Redis again, while the circuit is open. */
    private final AtomicLong retryAt = new AtomicLong();

    private volatile boolean open;

    public RedisCircuit(RedisCircuitProperties properties, MeterRegistry meters) {
        this.retryAfter = properties.retryAfter();
        this.retryAfterNanos = retryAfter.toNanos();
        Gauge.builder("identity.redis.circuit.open", this, circuit -> circuit.open ? 1 : 0)
                .description("1 while Redis is skipped after a failure")
                .register(meters);
    }

    /**
     * Calls Redis unless it is being skipped.
     *
     * @param failures counts the failures of this caller's Redis calls
     * @return the call's result; empty when Redis was skipped, failed, or answered null
     */
    public <T> Optional<T> call(Supplier<T> redisCall, Counter failures) {
        if (!mayTry()) {
            return Optional.empty();
        }
        try {
            T result = redisCall.get();
            if (open) {
                open = false;
                log.info("Redis answers again");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            failures.increment();
            retryAt.set(System.nanoTime() + retryAfterNanos);
            open = true;
            log.warn("Redis unavailable ({}); skipping it for {}", e.getClass().getSimpleName(), retryAfter);
            return Optional.empty();
        }
    }

    /** Closed, or open with its wait over and no other call already trying: this one may try. */
    private boolean mayTry() {
        if (!open) {
            return true;
        }
        long at = retryAt.get();
        long now = System.nanoTime();
        return now - at >= 0 && retryAt.compareAndSet(at, now + retryAfterNanos);
    }
}
