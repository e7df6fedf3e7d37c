package dev.identity.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identity.gateway.system.RedisCircuit;
import dev.identity.gateway.system.RedisCircuitProperties;
import dev.identity.support.TcpProxy;
import dev.identity.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle against the real Redis. Two throttles with their own Redis clients stand for two gateway
 * instances: limits must hold across them.
 */
class LoginThrottleTest {

    private static final LoginProperties LIMITS = new LoginProperties(1, 1, 3, 4, Duration.ofMinutes(15));

    private final RedisClient clientA = client();
    private final RedisClient clientB = client();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoginThrottle instanceA = throttle(clientA);
    private final LoginThrottle instanceB = throttle(clientB);
    private final String tenant = "t-" + UUID.randomUUID();

    @AfterEach
    void closeClients() {
        clientA.shutdown();
        clientB.shutdown();
    }

    @Test
    void accountAllowanceIsSharedAcrossInstances() {
        String address = uniqueAddress();
        instanceA.recordFailure(tenant, "ada@example.com", address);
        instanceB.recordFailure(tenant, "ADA@example.com ", address);
        assertThatNoException().isThrownBy(() -> instanceA.check(tenant, "ada@example.com", address));

        assertThat(instanceA.recordFailure(tenant, "ada@example.com", address)).hasValueSatisfying(lockout ->
                assertThat(lockout).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
        assertThatThrownBy(() -> instanceB.check(tenant, "ada@example.com", address))
                .isInstanceOf(TooManyAttemptsException.class)
                .satisfies(e -> assertThat(((TooManyAttemptsException) e).retryAfter()).isPositive());
        assertThatNoException().isThrownBy(() -> instanceB.check(tenant, "grace@example.com", uniqueAddress()));
    }

    @Test
    void addressAllowanceCoversEveryAccountTriedFromIt() {
        String address = uniqueAddress();
        for (int i = 0; i < 4; i++) {
            (i % 2 == 0 ? instanceA : instanceB).recordFailure(tenant, "user" + i + "@example.com", address);
        }
        assertThatThrownBy(() -> instanceA.check(tenant, "fresh@example.com", address))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatNoException().isThrownBy(() -> instanceA.check(tenant, "fresh@example.com", uniqueAddress()));
    }

    @Test
    void withoutRedisTheInstanceStillThrottlesOnItsOwn() {
        RedisClient unreachable = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(1)
                .withTimeout(Duration.ofMillis(200)).build());
        try {
            LoginThrottle alone = throttle(unreachable);
            String address = uniqueAddress();
            for (int i = 0; i < 3; i++) {
                alone.recordFailure(tenant, "solo@example.com", address);
            }
            assertThatThrownBy(() -> alone.check(tenant, "solo@example.com", address))
                    .isInstanceOf(TooManyAttemptsException.class);
            assertThat(meters.counter("identity.login.throttle.redis.failures").count()).isPositive();
        } finally {
            unreachable.shutdown();
        }
    }

    @Test
    void withRedisDownOnlyTheFirstCallWaitsForIt() {
        try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port())) {
            RedisClient proxied = client("127.0.0.1", proxy.port());
            try {
                LoginThrottle throttle = throttle(proxied, Duration.ofSeconds(30));
                String address = uniqueAddress();
                throttle.check(tenant, "warm@example.com", address);
                proxy.cut();

                long first = millis(() -> throttle.check(tenant, "warm@example.com", address));
                List<Long> next = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    next.add(millis(() -> throttle.check(tenant, "warm@example.com", address)));
                }
                assertThat(first).as("one Redis timeout at most").isLessThan(1_500);
                assertThat(next).as("Redis skipped").allSatisfy(took -> assertThat(took).isLessThan(100));
                assertThat(meters.counter("identity.login.throttle.redis.failures").count()).isEqualTo(1);
            } finally {
                proxied.shutdown();
            }
        }
    }

    @Test
    void failuresCountedWhileRedisWasDownStillCountOnceItIsBack() throws InterruptedException {
        try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port())) {
            RedisClient proxied = client("127.0.0.1", proxy.port());
            try {
                LoginThrottle throttle = throttle(proxied, Duration.ofMillis(200));
                String address = uniqueAddress();
                throttle.check(tenant, "ada@example.com", address);
                proxy.cut();
                throttle.recordFailure(tenant, "ada@example.com", address);
                throttle.recordFailure(tenant, "ada@example.com", address);
                proxy.restore();
                awaitRedisUsed(throttle);

                assertThatNoException().isThrownBy(() -> throttle.check(tenant, "ada@example.com", address));
                assertThat(throttle.recordFailure(tenant, "ada@example.com", address)).isPresent();
                assertThatThrownBy(() -> throttle.check(tenant, "ada@example.com", address))
                        .isInstanceOf(TooManyAttemptsException.class);
                assertThatNoException().as("Redis alone has counted one failure")
                        .isThrownBy(() -> instanceB.check(tenant, "ada@example.com", address));
            } finally {
                proxied.shutdown();
            }
        }
    }

    /** Waits until a failure is counted in Redis again, not in the throttle's own buckets. */
    private void awaitRedisUsed(LoginThrottle throttle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            String probe = "probe-" + UUID.randomUUID() + "@example.com";
            String address = uniqueAddress();
            throttle.recordFailure(tenant, probe, address);
            for (int i = 0; i < LIMITS.accountFailures() - 1; i++) {
                instanceB.recordFailure(tenant, probe, address);
            }
            try {
                instanceB.check(tenant, probe, address);
            } catch (TooManyAttemptsException sharedInRedis) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("Redis used again within 45 s").isNegative();
            Thread.sleep(200);
        }
    }

    private LoginThrottle throttle(RedisClient client) {
        return throttle(client, Duration.ofSeconds(5));
    }

    private LoginThrottle throttle(RedisClient client, Duration redisRetryAfter) {
        return new LoginThrottle(client, redis -> RedisBuckets.loginBuckets(redis, LIMITS),
                new RedisCircuit(new RedisCircuitProperties(redisRetryAfter), meters), LIMITS, meters);
    }

    private static RedisClient client() {
        return client(TestRedis.host(), TestRedis.port());
    }

    private static RedisClient client(String host, int port) {
        return RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withTimeout(Duration.ofSeconds(1)).build());
    }

    private static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static String uniqueAddress() {
        return "198.51.100." + UUID.randomUUID();
    }
}
