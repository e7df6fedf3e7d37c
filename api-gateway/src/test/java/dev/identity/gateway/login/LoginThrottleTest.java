package dev.identity.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.identity.gateway.system.RedisCircuit;
import dev.identity.gateway.system.RedisCircuitProperties;
import dev.identity.gateway.web.ProblemCode;
import dev.identity.support.TcpProxy;
import dev.identity.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle against the real Redis. Two throttles with their own Redis clients stand for two gateway
 * instances: limits must hold across them. The back-off runs on a clock the tests move.
 */
class LoginThrottleTest {

    /** 3 free failures per account and client, 6 per account from all clients, 20 per client over all accounts. */
    private static final LoginProperties LIMITS = new LoginProperties(
            1,
            1,
            50,
            3,
            6,
            20,
            Duration.ofSeconds(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            100,
            3,
            5,
            Duration.ofMinutes(10));

    private final TestClock clock = new TestClock();
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
    void reserveLoginWhenConcurrentGuessesThenNoMoreThanTheFreeFailuresPass() throws Exception {
        String address = uniqueAddress();
        int guesses = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(guesses);
        List<Future<Boolean>> granted = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                LoginThrottle throttle = i % 2 == 0 ? instanceA : instanceB;
                granted.add(callers.submit(() -> {
                    start.await();
                    try {
                        throttle.reserveLogin(tenant, "ada@example.com", address)
                                .failed();
                        return true;
                    } catch (TooManyAttemptsException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long passed = 0;
            for (Future<Boolean> result : granted) {
                passed += result.get() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(LIMITS.accountFailures());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void reserveLoginWhenFreeFailuresAreUsedUpThenTheWaitDoublesUpToTheLongest() {
        String address = uniqueAddress();
        for (int i = 0; i < LIMITS.accountFailures() - 1; i++) {
            assertThat(fail(instanceA, "ada@example.com", address)).isEmpty();
        }
        assertThat(fail(instanceB, "ada@example.com", address))
                .as("the failure that uses up the free ones says until when the client waits")
                .hasValueSatisfying(until -> assertThat(Duration.between(clock.instant(), until))
                        .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5)));

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration wait = refusedFor(instanceA, "ada@example.com", address);
            waits.add(wait.toSeconds());
            clock.advance(wait);
            fail(instanceB, "ada@example.com", address);
        }
        assertThat(waits).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L);
    }

    @Test
    void reserveLoginWhenOneClientBacksOffThenAnotherClientOfTheAccountIsNotSlowed() {
        String attacker = uniqueAddress();
        for (int i = 0; i < LIMITS.accountFailures(); i++) {
            fail(instanceA, "admin@example.com", attacker);
        }
        assertThat(refusedFor(instanceB, "admin@example.com", attacker)).isPositive();

        LoginThrottle.Attempt owner = instanceB.reserveLogin(tenant, "admin@example.com", uniqueAddress());
        owner.succeeded();
        assertThat(refusedFor(instanceA, "admin@example.com", attacker))
                .as("the attacker still waits")
                .isPositive();
    }

    @Test
    void reserveLoginWhenFailuresComeFromEverywhereThenEveryClientWaitsAtMostTheShortLongestWait() {
        for (int i = 0; i < LIMITS.accountFailuresAnyClient(); i++) {
            fail(i % 2 == 0 ? instanceA : instanceB, "ada@example.com", uniqueAddress());
        }
        assertThat(refusedFor(instanceA, "ada@example.com", uniqueAddress())).isEqualTo(Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            fail(instanceA, "ada@example.com", uniqueAddress());
        }
        assertThat(refusedFor(instanceB, "ada@example.com", uniqueAddress())).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThatNoException().isThrownBy(() -> instanceB.reserveLogin(tenant, "ada@example.com", uniqueAddress()));
    }

    @Test
    void reserveLoginWhenIpv6ThenTheClientIsItsSlash64() {
        String prefix = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":7";
        for (int i = 0; i < LIMITS.accountFailures(); i++) {
            fail(instanceA, "ada@example.com", prefix + "::" + Integer.toHexString(i + 1));
        }
        assertThat(refusedFor(instanceB, "ada@example.com", prefix + ":ffff:ffff:ffff:ffff"))
                .isPositive();
        assertThat(refusedFor(instanceB, "ada@example.com", "[" + prefix.toUpperCase(Locale.ROOT) + "::abcd]"))
                .isPositive();
        assertThatNoException()
                .as("the next /64")
                .isThrownBy(() -> instanceB.reserveLogin(tenant, "ada@example.com", prefix + "1::1"));
    }

    @Test
    void attemptWhenSucceededThenTheClientsFailuresAreForgottenButOnlyItselfIsGivenBackToTheAccount() {
        String address = uniqueAddress();
        for (int i = 0; i < LIMITS.accountFailures() - 1; i++) {
            fail(instanceA, "ada@example.com", address);
        }
        instanceA.reserveLogin(tenant, "ada@example.com", address).succeeded();
        for (int i = 0; i < LIMITS.accountFailures() - 1; i++) {
            assertThat(fail(instanceB, "ada@example.com", address)).isEmpty();
        }
        // the account has 4 failures over all clients (6 allowed): two more from elsewhere, and everyone waits
        fail(instanceA, "ada@example.com", uniqueAddress());
        fail(instanceA, "ada@example.com", uniqueAddress());
        assertThat(refusedFor(instanceB, "ada@example.com", uniqueAddress())).isPositive();
    }

    @Test
    void attemptWhenCancelledThenItDoesNotCount() {
        String address = uniqueAddress();
        for (int i = 0; i < 10; i++) {
            instanceA.reserveLogin(tenant, "ada@example.com", address).cancelled();
        }
        assertThat(fail(instanceB, "ada@example.com", address)).isEmpty();
    }

    @Test
    void reserveLoginWhenOneClientTriesManyAccountsThenItsBucketRunsOut() {
        String address = uniqueAddress();
        for (int i = 0; i < LIMITS.addressFailures(); i++) {
            fail(i % 2 == 0 ? instanceA : instanceB, "user" + i + "@example.com", address);
        }
        assertThatThrownBy(() -> instanceA.reserveLogin(tenant, "fresh@example.com", address))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatNoException().isThrownBy(() -> instanceA.reserveLogin(tenant, "fresh@example.com", uniqueAddress()));
    }

    @Test
    void reservePasswordCheckWhenWrongTooOftenThenRefusedAsLoginThrottled() {
        String address = uniqueAddress();
        for (int i = 0; i < LIMITS.accountFailures(); i++) {
            instanceA.reservePasswordCheck(tenant, "user-1", address).failed();
        }
        assertThatThrownBy(() -> instanceB.reservePasswordCheck(tenant, "user-1", address))
                .isInstanceOf(TooManyAttemptsException.class)
                .satisfies(
                        e -> assertThat(((TooManyAttemptsException) e).code()).isEqualTo(ProblemCode.LOGIN_THROTTLED));
        for (int i = 0; i < LIMITS.accountFailuresAnyClient() - LIMITS.accountFailures(); i++) {
            instanceB.reservePasswordCheck(tenant, "user-1", uniqueAddress()).failed();
        }
        assertThatThrownBy(() -> instanceA.reservePasswordCheck(tenant, "user-1", uniqueAddress()))
                .as("the user's checks over all clients")
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatNoException()
                .as("logins are counted apart")
                .isThrownBy(() -> instanceA.reserveLogin(tenant, "user-1", uniqueAddress()));
    }

    @Test
    void takeRegistrationWhenAClientOrATenantHasNoneLeftThenRefused() {
        String address = uniqueAddress();
        for (int i = 0; i < LIMITS.registrationsPerAddress(); i++) {
            instanceA.takeRegistration(tenant, address);
        }
        assertThatThrownBy(() -> instanceB.takeRegistration(tenant, address))
                .isInstanceOf(TooManyAttemptsException.class)
                .satisfies(e -> assertThat(((TooManyAttemptsException) e).code())
                        .isEqualTo(ProblemCode.REGISTRATION_THROTTLED));
        instanceB.takeRegistration(tenant, uniqueAddress());
        instanceB.takeRegistration(tenant, uniqueAddress());
        assertThatThrownBy(() -> instanceA.takeRegistration(tenant, uniqueAddress()))
                .as("the tenant's %d are used", LIMITS.registrationsPerTenant())
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void withoutRedisTheInstanceStillThrottlesOnItsOwn() {
        RedisClient unreachable = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(1)
                .withTimeout(Duration.ofMillis(200))
                .build());
        try {
            LoginThrottle alone = throttle(unreachable);
            String address = uniqueAddress();
            for (int i = 0; i < LIMITS.accountFailures(); i++) {
                fail(alone, "solo@example.com", address);
            }
            assertThatThrownBy(() -> alone.reserveLogin(tenant, "solo@example.com", address))
                    .isInstanceOf(TooManyAttemptsException.class);
            assertThat(meters.counter("identity.login.throttle.redis.failures").count())
                    .isPositive();
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
                throttle.reserveLogin(tenant, "warm@example.com", address).succeeded();
                proxy.cut();

                long first = millis(() -> throttle.reserveLogin(tenant, "warm@example.com", address)
                        .succeeded());
                List<Long> next = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    next.add(millis(() -> throttle.reserveLogin(tenant, "warm@example.com", address)
                            .succeeded()));
                }
                assertThat(first).as("one Redis timeout at most").isLessThan(1_500);
                assertThat(next)
                        .as("Redis skipped")
                        .allSatisfy(took -> assertThat(took).isLessThan(100));
                assertThat(meters.counter("identity.login.throttle.redis.failures")
                                .count())
                        .isEqualTo(1);
            } finally {
                proxied.shutdown();
            }
        }
    }

    @Test
    void failuresCountedWhileRedisWasDownStillCountOnceItIsBack() {
        try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port())) {
            RedisClient proxied = client("127.0.0.1", proxy.port());
            try {
                LoginThrottle throttle = throttle(proxied, Duration.ofMillis(200));
                String address = uniqueAddress();
                throttle.reserveLogin(tenant, "ada@example.com", address).succeeded();
                proxy.cut();
                fail(throttle, "ada@example.com", address);
                fail(throttle, "ada@example.com", address);
                proxy.restore();
                awaitRedisUsed(throttle);

                assertThat(fail(throttle, "ada@example.com", address)).isPresent();
                assertThatThrownBy(() -> throttle.reserveLogin(tenant, "ada@example.com", address))
                        .isInstanceOf(TooManyAttemptsException.class);
                assertThatNoException()
                        .as("Redis alone has counted one failure")
                        .isThrownBy(() -> instanceB.reserveLogin(tenant, "ada@example.com", address));
            } finally {
                proxied.shutdown();
            }
        }
    }

    /** Waits until a failure is counted in Redis again, not in the throttle's own counts. */
    private void awaitRedisUsed(LoginThrottle throttle) {
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(200))
                .alias("Redis used again within 45 s")
                .until(() -> {
                    String probe = "probe-" + UUID.randomUUID() + "@example.com";
                    String address = uniqueAddress();
                    fail(throttle, probe, address);
                    for (int i = 0; i < LIMITS.accountFailures() - 1; i++) {
                        fail(instanceB, probe, address);
                    }
                    try {
                        instanceB.reserveLogin(tenant, probe, address);
                        return false;
                    } catch (TooManyAttemptsException sharedInRedis) {
                        return true;
                    }
                });
    }

    private Optional<Instant> fail(LoginThrottle throttle, String email, String address) {
        return throttle.reserveLogin(tenant, email, address).failed();
    }

    private Duration refusedFor(LoginThrottle throttle, String email, String address) {
        try {
            throttle.reserveLogin(tenant, email, address).cancelled();
        } catch (TooManyAttemptsException refused) {
            return refused.retryAfter();
        }
        throw new AssertionError("the attempt was not refused");
    }

    private LoginThrottle throttle(RedisClient client) {
        return throttle(client, Duration.ofSeconds(5));
    }

    private LoginThrottle throttle(RedisClient client, Duration redisRetryAfter) {
        RedisCircuit circuit = new RedisCircuit(new RedisCircuitProperties(redisRetryAfter), meters);
        Counter failures = meters.counter("identity.login.throttle.redis.failures");
        return new LoginThrottle(
                new Buckets(
                        client,
                        redis -> RedisBuckets.loginBuckets(redis, LIMITS),
                        circuit,
                        failures,
                        LIMITS.longestKept()),
                new BackOffs(client, circuit, failures, clock, LIMITS.longestKept()),
                LIMITS);
    }

    private static RedisClient client() {
        return client(TestRedis.host(), TestRedis.port());
    }

    private static RedisClient client(String host, int port) {
        return RedisClient.create(RedisURI.builder()
                .withHost(host)
                .withPort(port)
                .withTimeout(Duration.ofSeconds(1))
                .build());
    }

    private static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static String uniqueAddress() {
        return "198.51.100." + UUID.randomUUID();
    }

    /** The real time, moved on by the tests (both instances read it, as their clocks agree closely). */
    private static final class TestClock extends Clock {
        private final AtomicLong offset = new AtomicLong();

        void advance(Duration by) {
            offset.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offset.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
