package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brute-force protection per account and client, with a bounded audit trail of failures and back-offs. Clients
 * at other addresses are played through X-Forwarded-For, which the test profile trusts from the loopback.
 */
class LoginHardeningIT extends IntegrationTest {

    private static final int ALLOWED_FAILURES = 5;
    private static final int REGISTRATIONS_PER_TENANT = 30;
    private static final String ADMIN = "admin@platform.local";
    private static final String ADMIN_PASSWORD = "test-only-platform-admin-password";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private StringRedisTemplate redis;

    @Test
    void tooManyFailuresLockTheAccountWithRetryAfterAndABoundedAuditTrail() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "target@example.com");

        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(login(api, tenant, "target@example.com", "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        for (int i = 0; i < 3; i++) {
            Api.Response locked = login(api, tenant, "TARGET@example.com", "wrong again");
            assertProblem(locked, 429, "LOGIN_THROTTLED");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L);
        }
        assertProblem(login(api, tenant, "target@example.com", PlatformFixture.PASSWORD), 429, "LOGIN_THROTTLED");

        List<String> history = awaitHistory(userId, 7);
        assertThat(history)
                .containsExactly(
                        "dev.identity.events.user.UserRegistered",
                        "dev.identity.events.user.LoginFailed",
                        "dev.identity.events.user.LoginFailed",
                        "dev.identity.events.user.LoginFailed",
                        "dev.identity.events.user.LoginFailed",
                        "dev.identity.events.user.LoginFailed",
                        "dev.identity.events.user.AccountLockedOut");
        String clientIp = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'clientIp' FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%LoginFailed' LIMIT 1""").param("id", userId).query(String.class).single();
        assertThat(clientIp).isEqualTo("127.0.0.1");
    }

    @Test
    void lockingOneAccountLeavesOthersAlone() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "locked@example.com");
        platform.createUser(api, tenant, "fine@example.com");
        for (int i = 0; i <= ALLOWED_FAILURES; i++) {
            login(api, tenant, "locked@example.com", "wrong");
        }
        assertProblem(login(api, tenant, "locked@example.com", PlatformFixture.PASSWORD), 429, "LOGIN_THROTTLED");
        assertThat(login(api, tenant, "fine@example.com", PlatformFixture.PASSWORD)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownEmailsAreThrottledButLeaveNoEvents() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        long before = jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(login(api, tenant, "ghost@example.com", "whatever"), 401, "INVALID_CREDENTIALS");
        }
        assertProblem(login(api, tenant, "ghost@example.com", "whatever"), 429, "LOGIN_THROTTLED");
        long mine = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE global_index > :before
                          AND convert_from(payload, 'UTF8') LIKE '%ghost%'""").param("before", before).query(Long.class).single();
        assertThat(mine).isZero();
    }

    @Test
    void concurrentWrongGuessesForOneAccountGetAtMostItsFreeFailuresAnd429ForTheRest() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "racer@example.com");
        int guesses = 40;
        List<Api.Response> responses =
                concurrently(guesses, i -> login(api, tenant, "racer@example.com", "wrong guess " + i));
        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(Api.Response::status, TreeMap::new, Collectors.counting()));
        System.out.printf("[login-race] %d concurrent wrong guesses for one account: %s%n", guesses, byStatus);

        long wrong = byStatus.getOrDefault(401, 0L);
        assertThat(wrong).isBetween(1L, (long) ALLOWED_FAILURES);
        assertThat(byStatus.getOrDefault(429, 0L)).isEqualTo(guesses - wrong);
        assertThat(responses)
                .filteredOn(response -> response.status() == 429)
                .allSatisfy(response -> assertProblem(response, 429, "LOGIN_THROTTLED"));
        List<String> history = awaitHistory(userId, 1 + (int) wrong + 1);
        Thread.sleep(500);
        assertThat(history(userId))
                .as("one LoginFailed per guess that was hashed, and the back-off")
                .isEqualTo(history)
                .filteredOn(type -> type.endsWith("LoginFailed"))
                .hasSize((int) wrong);
    }

    @Test
    void anAttackersFailuresFromOneAddressDoNotStopThePlatformAdminFromAnother() {
        Api api = api();
        String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
        String adminAddress = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + "::10";
        try {
            for (int i = 0; i < ALLOWED_FAILURES; i++) {
                assertProblem(loginFrom(api, attacker, "platform", ADMIN, "guess " + i), 401, "INVALID_CREDENTIALS");
            }
            for (int i = 0; i < 3; i++) {
                assertProblem(loginFrom(api, attacker, "platform", ADMIN, "guess again " + i), 429, "LOGIN_THROTTLED");
            }
            assertProblem(loginFrom(api, attacker, "platform", ADMIN, ADMIN_PASSWORD), 429, "LOGIN_THROTTLED");

            Api.Response admin = loginFrom(api, adminAddress, "platform", ADMIN, ADMIN_PASSWORD);
            assertThat(admin.status())
                    .as("the admin from another address: %s", admin)
                    .isEqualTo(200);
            assertThat(loginFrom(api, adminAddress, "platform", ADMIN, ADMIN_PASSWORD)
                            .status())
                    .isEqualTo(200);
        } finally {
            // the platform admin is every test's: leave its counts as they were
            redis.delete(List.of(
                    "identity:login:{platform:" + ADMIN + "}",
                    "identity:login:{platform:" + ADMIN + "}:client:" + attacker));
        }
    }

    @Test
    void clientsOfOneIpv6Slash64AreOneClient() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "v6@example.com");
        String prefix = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":1";
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(
                    loginFrom(api, prefix + "::" + (i + 1), tenant.slug(), "v6@example.com", "wrong"),
                    401,
                    "INVALID_CREDENTIALS");
        }
        assertProblem(
                loginFrom(
                        api,
                        prefix + ":abcd:ef01:2345:6789",
                        tenant.slug(),
                        "v6@example.com",
                        PlatformFixture.PASSWORD),
                429,
                "LOGIN_THROTTLED");
        assertThat(loginFrom(api, prefix + "2::1", tenant.slug(), "v6@example.com", PlatformFixture.PASSWORD)
                        .status())
                .as("another /64")
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordForAnExistingAccountAnswersWithoutWaitingForItsRecord() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "timed@example.com");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            Future<Api.Response> answer;
            try (Statement statement = lock.createStatement()) {
                // appends wait for this lock; reads do not
                statement.execute("LOCK TABLE domain_event_entry IN EXCLUSIVE MODE");
                answer = caller.submit(() -> login(api, tenant, "timed@example.com", "wrong password"));
                try {
                    Api.Response response = answer.get(3, TimeUnit.SECONDS);
                    assertProblem(response, 401, "INVALID_CREDENTIALS");
                } catch (TimeoutException e) {
                    throw new AssertionError("the wrong-password login waited for the event store", e);
                }
            } finally {
                lock.rollback();
            }
        } finally {
            caller.shutdownNow();
        }
        assertThat(awaitHistory(userId, 2)).last().isEqualTo("dev.identity.events.user.LoginFailed");
    }

    @Test
    void wrongCurrentPasswordsAreThrottledAndRecorded() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "thief@example.com");
        String token = platform.login(api, tenant.slug(), "thief@example.com", PlatformFixture.PASSWORD);
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            Api.Response wrong = api.post(
                    "/api/v1/users/me/password",
                    token,
                    Map.of("currentPassword", "guess " + i, "newPassword", "a brand new password"));
            assertProblem(wrong, 400, "VALIDATION_FAILED");
        }
        Api.Response throttled = api.post(
                "/api/v1/users/me/password",
                token,
                Map.of("currentPassword", PlatformFixture.PASSWORD, "newPassword", "a brand new password"));
        assertProblem(throttled, 429, "LOGIN_THROTTLED");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();

        List<String> history = history(userId);
        assertThat(history)
                .filteredOn(type -> type.endsWith("PasswordChangeFailed"))
                .hasSize(ALLOWED_FAILURES);
        assertThat(history).noneMatch(type -> type.endsWith("PasswordChanged"));
        String failure = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%PasswordChangeFailed' LIMIT 1""").param("id", userId).query(String.class).single();
        assertThat(failure)
                .contains("\"clientIp\":\"127.0.0.1\"")
                .doesNotContain("guess")
                .doesNotContain("$2");
    }

    @Test
    void selfRegistrationsIntoOneTenantAreThrottled() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, true);
        Map<Integer, Long> byStatus = new TreeMap<>();
        Api.Response last = null;
        for (int i = 0; i < REGISTRATIONS_PER_TENANT + 2; i++) {
            last = api.postWithHeaders(
                    "/api/v1/auth/register",
                    Map.of("X-Forwarded-For", "198.51.100." + (i % 250)),
                    Map.of(
                            "tenant",
                            tenant.slug(),
                            "email",
                            "crowd" + i + "@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            "Crowd " + i));
            byStatus.merge(last.status(), 1L, Long::sum);
        }
        System.out.printf(
                "[registration-throttle] %d registrations into one tenant: %s%n",
                REGISTRATIONS_PER_TENANT + 2, byStatus);
        assertThat(byStatus).containsEntry(201, (long) REGISTRATIONS_PER_TENANT).containsEntry(429, 2L);
        assertProblem(last, 429, "REGISTRATION_THROTTLED");
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    private List<String> awaitHistory(String userId, int events) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .alias(events + " events of " + userId)
                .until(() -> history(userId), history -> history.size() >= events);
    }

    private List<String> history(String userId) {
        return jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = :id
                        ORDER BY sequence_number""").param("id", userId).query(String.class).list();
    }

    private static <T> List<T> concurrently(int count, IntFunction<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(callers.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            callers.shutdownNow();
        }
    }

    private static Api.Response loginFrom(Api api, String clientAddress, String tenant, String email, String password) {
        return api.postWithHeaders(
                "/api/v1/auth/login",
                Map.of("X-Forwarded-For", clientAddress),
                Map.of("tenant", tenant, "email", email, "password", password));
    }

    private static Api.Response login(Api api, TestTenant tenant, String email, String password) {
        return api.post(
                "/api/v1/auth/login", null, Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }
}
