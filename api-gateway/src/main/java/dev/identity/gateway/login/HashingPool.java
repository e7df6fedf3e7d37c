package dev.identity.gateway.login;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Runs every password hash and verification on a fixed pool with a bounded queue. bcrypt is deliberately
 * slow; without a bound, a burst of logins would pile up request threads, each burning a core. When the
 * queue is full the request fails fast with {@link HashingBusyException} (503 with Retry-After).
 */
@Component
public class HashingPool {

    private final ThreadPoolExecutor executor;

    HashingPool(LoginProperties properties, MeterRegistry meters) {
        int threads = properties.effectiveHashingThreads();
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.hashingQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "password-hashing-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        ExecutorServiceMetrics.monitor(meters, executor, "password.hashing");
    }

    public <T> T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = executor.submit(work::get);
        } catch (RejectedExecutionException e) {
            throw new HashingBusyException();
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new IllegalStateException("Interrupted while hashing a password", e);
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
