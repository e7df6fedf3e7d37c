package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.IdentityApplication;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TcpProxy;
import dev.identity.support.TestDatabase;
import dev.identity.support.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A second instance reaches PostgreSQL and Redis through TCP proxies that the test cuts, as if the
 * servers had stopped (the real ones keep serving everyone else). Without PostgreSQL, what needs it answers
 * 503 with Retry-After within a bounded time and readiness is down; without Redis, logins do not wait for
 * it and the throttle keeps what it counted. Both recover without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT extends IntegrationTest {

    /** Well above the pool's connection timeout (2 s), well below Hikari's default (30 s). */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(45);

    @Autowired
    private StringRedisTemplate redis;

    private TcpProxy database;
    private TcpProxy redisProxy;
    private ConfigurableApplicationContext instance;
    private Api b;

    @BeforeAll
    void startInstanceBehindProxies() {
        URI url = URI.create(TestDatabase.url().substring("jdbc:".length()));
        database = new TcpProxy(url.getHost(), url.getPort());
        redisProxy = new TcpProxy(TestRedis.host(), TestRedis.port());
        String proxiedUrl = "jdbc:postgresql://127.0.0.1:" + database.port() + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : sharedServices()) {
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        properties.putAll(Map.of(
                "server.port",
                "0",
                "identity.stream.publish",
                "false",
                "spring.datasource.url",
                proxiedUrl,
                "spring.data.redis.host",
                "127.0.0.1",
                "spring.data.redis.port",
                Integer.toString(redisProxy.port()),
                "spring.data.redis.timeout",
                "1s",
                "identity.redis.retry-after",
                "5s",
                "identity.login.account-failures",
                "5"));
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        instance = new SpringApplicationBuilder(IdentityApplication.class)
                .profiles("test")
                .run(arguments);
        b = new Api("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stopInstance() {
        instance.close();
        database.close();
        redisProxy.close();
    }

    @Test
    void withoutTheDatabaseRequestsAnswer503QuicklyAndSucceedOnceItIsBack() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        String userId = platform.createUser(a, tenant, "steady@example.com");
        String adminToken = tenant.adminToken();
        assertThat(b.get("/api/v1/users", adminToken).status())
                .as("warms B's cache")
                .isEqualTo(200);
        // logged in through A: B has never looked this session up, so it needs the database to authenticate it
        String unseenToken = platform.login(a, tenant.slug(), "steady@example.com", PlatformFixture.PASSWORD);
        assertThat(ready()).isEqualTo(200);

        database.cut();
        try {
            List<Supplier<Api.Response>> needingTheDatabase = List.of(
                    () -> b.post(
                            "/api/v1/auth/login",
                            null,
                            Map.of(
                                    "tenant",
                                    tenant.slug(),
                                    "email",
                                    "steady@example.com",
                                    "password",
                                    PlatformFixture.PASSWORD)),
                    () -> b.post(
                            "/api/v1/users",
                            adminToken,
                            Map.of(
                                    "email",
                                    "during@example.com",
                                    "password",
                                    PlatformFixture.PASSWORD,
                                    "displayName",
                                    "During")),
                    () -> b.get("/api/v1/users", adminToken),
                    () -> b.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", adminToken),
                    () -> b.get("/api/v1/users/me", unseenToken));
            for (Supplier<Api.Response> request : needingTheDatabase) {
                long start = System.nanoTime();
                Api.Response response = request.get();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf(
                        "[database-outage] %d %s after %d ms%n",
                        response.status(), response.text("code"), took.toMillis());
                assertProblem(response, 503, "DATABASE_UNAVAILABLE");
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
                assertThat(took).isLessThan(ANSWER_LIMIT);
            }
            long start = System.nanoTime();
            assertThat(ready()).as("readiness while the database is away").isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWER_LIMIT);
        } finally {
            database.restore();
        }

        await(() -> ready() == 200, "readiness back up");
        assertThat(b.post(
                                "/api/v1/auth/login",
                                null,
                                Map.of(
                                        "tenant",
                                        tenant.slug(),
                                        "email",
                                        "steady@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD))
                        .status())
                .isEqualTo(200);
        assertThat(b.post(
                                "/api/v1/users",
                                adminToken,
                                Map.of(
                                        "email",
                                        "after@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "After"))
                        .status())
                .isEqualTo(201);
        assertThat(b.get("/api/v1/users", adminToken).status()).isEqualTo(200);
        assertThat(b.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", adminToken)
                        .status())
                .isEqualTo(200);
        assertThat(b.get("/api/v1/users/me", unseenToken).status()).isEqualTo(200);
    }

    @Test
    void withoutRedisLoginsSkipItAndFailuresCountedMeanwhileStillCount() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        platform.createUser(a, tenant, "target@example.com");
        platform.createUser(a, tenant, "regular@example.com");
        assertThat(login(tenant, "regular@example.com", PlatformFixture.PASSWORD)
                        .status())
                .isEqualTo(200);

        redisProxy.cut();
        List<Long> millis = new ArrayList<>();
        try {
            long start = System.nanoTime();
            assertThat(login(tenant, "regular@example.com", PlatformFixture.PASSWORD)
                            .status())
                    .isEqualTo(200);
            long first = Duration.ofNanos(System.nanoTime() - start).toMillis();
            for (int i = 0; i < 5; i++) {
                start = System.nanoTime();
                assertThat(login(tenant, "regular@example.com", PlatformFixture.PASSWORD)
                                .status())
                        .isEqualTo(200);
                millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            System.out.printf("[redis-outage] first login %d ms, then %s ms%n", first, millis);
            assertThat(first)
                    .as("the first login pays one Redis timeout at most")
                    .isLessThan(1_900);
            assertThat(millis.stream().sorted().toList().get(2))
                    .as("median of the next logins")
                    .isLessThan(500);

            for (int i = 0; i < 3; i++) {
                assertProblem(login(tenant, "target@example.com", "wrong-password-" + i), 401, "INVALID_CREDENTIALS");
            }
        } finally {
            redisProxy.restore();
        }

        // the throttle uses Redis again once a failed login leaves its bucket there
        await(
                () -> {
                    String probe = "probe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                    login(tenant, probe, "wrong-password");
                    return Boolean.TRUE.equals(redis.hasKey("identity:login:{" + tenant.slug() + ":" + probe + "}"));
                },
                "the throttle back on Redis");
        for (int i = 0; i < 2; i++) {
            assertProblem(login(tenant, "target@example.com", "wrong-password-again-" + i), 401, "INVALID_CREDENTIALS");
        }
        Api.Response locked = login(tenant, "target@example.com", PlatformFixture.PASSWORD);
        assertProblem(locked, 429, "LOGIN_THROTTLED");
        assertThat(locked.header("Retry-After")).isNotBlank();
    }

    private Api.Response login(TestTenant tenant, String email, String password) {
        return b.post(
                "/api/v1/auth/login", null, Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }

    private int ready() {
        return b.get("/actuator/health/readiness", null).status();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        // qualified: this method's name hides a static import of Awaitility's
        Awaitility.await()
                .atMost(RECOVERY_LIMIT)
                .pollInterval(Duration.ofMillis(250))
                .alias(what + " within " + RECOVERY_LIMIT)
                .until(condition::getAsBoolean);
    }
}
