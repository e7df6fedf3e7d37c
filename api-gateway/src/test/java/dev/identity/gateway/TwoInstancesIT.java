package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.IdentityApplication;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.LocalServices;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Two instances (A: the test's application, B: a second one started here) against the same PostgreSQL,
 * Redis and Kafka. What A changes, B enforces on its next request, through the event stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT extends IntegrationTest {

    private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(10);

    @Autowired
    private JdbcClient jdbc;

    private ConfigurableApplicationContext instanceB;
    private Api b;

    @BeforeAll
    void startInstanceB() throws InterruptedException {
        String[] arguments = Stream.concat(Stream.of(sharedServices()), Stream.of("server.port=0",
                        "identity.stream.publish=false"))
                .map(property -> "--" + property).toArray(String[]::new);
        instanceB = new SpringApplicationBuilder(IdentityApplication.class).profiles("test").run(arguments);
        b = new Api("http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port"));
        LocalServices.awaitAssignment(instanceB.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("access-cache-invalidator"));
    }

    @AfterAll
    void stopInstanceB() {
        instanceB.close();
    }

    @Test
    void sessionRevokedThroughAIsRefusedByB() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        platform.createUser(a, tenant, "roaming@example.com");
        Api.Response login = platform.loginForTokens(a, tenant.slug(), "roaming@example.com", PlatformFixture.PASSWORD);
        String token = login.text("accessToken");
        assertThat(b.get("/api/v1/users/me", token).status()).isEqualTo(200);

        assertThat(a.method("DELETE", "/api/v1/sessions/" + login.text("sessionId"), tenant.adminToken()).status())
                .isEqualTo(204);
        long revokedAt = System.nanoTime();
        Duration propagation = pollUntil(() -> b.get("/api/v1/users/me", token).status(), status -> status == 401);
        System.out.printf("[two-instances] revocation through A refused by B after %d ms%n", propagation.toMillis());
        assertThat(propagation).isLessThan(PROPAGATION_LIMIT);
        assertProblem(b.get("/api/v1/users/me", token), 401, "UNAUTHENTICATED");
        assertThat(System.nanoTime() - revokedAt).isPositive();
    }

    @Test
    void roleRevokedThroughAIsEnforcedByB() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        String userId = platform.createUser(a, tenant, "auditing@example.com");
        a.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
        String token = platform.login(a, tenant.slug(), "auditing@example.com", PlatformFixture.PASSWORD);
        assertThat(b.get("/api/v1/users", token).status()).isEqualTo(200);

        a.method("DELETE", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
        Duration propagation = pollUntil(() -> b.get("/api/v1/users", token).status(), status -> status == 403);
        System.out.printf("[two-instances] role revocation through A enforced by B after %d ms%n",
                propagation.toMillis());
        assertThat(propagation).isLessThan(PROPAGATION_LIMIT);
    }

    @Test
    void writesThroughBothInstancesAreProjectedExactlyOnce() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        String adminOnB = platform.login(b, tenant.slug(), "admin@" + tenant.slug() + ".test", PlatformFixture.PASSWORD);
        for (int i = 0; i < 10; i++) {
            Api instance = i % 2 == 0 ? a : b;
            String token = i % 2 == 0 ? tenant.adminToken() : adminOnB;
            assertThat(instance.post("/api/v1/users", token, Map.of("email", "both" + i + "@example.com",
                    "password", PlatformFixture.PASSWORD, "displayName", "Both " + i)).status()).isEqualTo(201);
        }
        long rows = jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :t").param("t", tenant.id())
                .query(Long.class).single();
        long counted = jdbc.sql("SELECT user_count FROM tenant_stats WHERE tenant_id = :t").param("t", tenant.id())
                .query(Long.class).single();
        assertThat(rows).isEqualTo(11);
        assertThat(counted).isEqualTo(rows);
        assertThat(b.get("/api/v1/tenants/" + tenant.id(), adminOnB).body().path("userCount").asLong()).isEqualTo(11);
    }

    private static Duration pollUntil(java.util.function.IntSupplier status, IntPredicate done) {
        long start = System.nanoTime();
        while (!done.test(status.getAsInt())) {
            if (System.nanoTime() - start > PROPAGATION_LIMIT.toNanos()) {
                break;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
