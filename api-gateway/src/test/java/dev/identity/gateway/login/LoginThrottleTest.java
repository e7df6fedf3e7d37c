package dev.identity.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identity.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
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

    private LoginThrottle throttle(RedisClient client) {
        return new LoginThrottle(client, redis -> RedisBuckets.loginBuckets(redis, LIMITS), LIMITS, meters);
    }

    private static RedisClient client() {
        return RedisClient.create(RedisURI.builder().withHost(TestRedis.host()).withPort(TestRedis.port()).build());
    }

    private static String uniqueAddress() {
        return "198.51.100." + UUID.randomUUID();
    }
}
