package dev.identity.gateway.login;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Runs every password hash and verification on a fixed pool with a bounded number of jobs (threads plus
 * queue). bcrypt is deliberately slow; without a bound, a burst would pile up request threads, each burning
 * a core. When the pool is full the request fails fast with {@link HashingBusyException} (503 with
 * Retry-After).
 *
 * <p>Two kinds of work share it. Logins may use every slot; registrations and password changes
 * ({@link #forAccountChange}) may not use the share reserved for logins, and queued logins are taken before
 * them. So a flood of registrations is refused with 503 before it can make one login wait for a slot.
 */
@Component
public class HashingPool {

    private final ThreadPoolExecutor executor;
    private final Semaphore anyWork;
    private final Semaphore accountChanges;
    private final AtomicLong order = new AtomicLong();

    HashingPool(LoginProperties properties, MeterRegistry meters) {
        int threads = properties.effectiveHashingThreads();
        int slots = threads + properties.hashingQueue();
        int reserved = Math.min(slots - 1, Math.max(1, (slots * properties.hashingReservedForLogins() + 99) / 100));
        this.anyWork = new Semaphore(slots);
        this.accountChanges = new Semaphore(Math.max(0, slots - reserved));
        AtomicInteger counter = new AtomicInteger();
        // unbounded by itself: the semaphores bound what is in it
        this.executor = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "password-hashing-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ExecutorServiceMetrics.monitor(meters, executor, "password.hashing");
    }

    /** Hashing for a login: may use the whole pool, and goes before queued account changes. */
    public <T> T forLogin(Supplier<T> work) {
        if (!anyWork.tryAcquire()) {
            throw new HashingBusyException();
        }
        return run(new Job<>(work, 0, order.getAndIncrement(), anyWork));
    }

    /** Hashing for a registration or a password change: never takes the share reserved for logins. */
    public <T> T forAccountChange(Supplier<T> work) {
        if (!accountChanges.tryAcquire()) {
            throw new HashingBusyException();
        }
        if (!anyWork.tryAcquire()) {
            accountChanges.release();
            throw new HashingBusyException();
        }
        return run(new Job<>(work, 1, order.getAndIncrement(), anyWork, accountChanges));
    }

    private <T> T run(Job<T> job) {
        executor.execute(job);
        try {
            return job.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel(true);
            throw new IllegalStateException("Interrupted while hashing a password", e);
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /** Queued by kind (logins first), then in arrival order; gives its slots back when done or cancelled. */
    private static final class Job<T> extends FutureTask<T> implements Comparable<Job<?>> {

        private final int kind;
        private final long arrival;
        private final Semaphore[] slots;

        Job(Supplier<T> work, int kind, long arrival, Semaphore... slots) {
            super(work::get);
            this.kind = kind;
            this.arrival = arrival;
            this.slots = slots;
        }

        @Override
        protected void done() {
            for (Semaphore slot : slots) {
                slot.release();
            }
        }

        @Override
        public int compareTo(Job<?> other) {
            return kind != other.kind ? Integer.compare(kind, other.kind) : Long.compare(arrival, other.arrival);
        }
    }
}
