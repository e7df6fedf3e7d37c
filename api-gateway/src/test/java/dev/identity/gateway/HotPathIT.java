package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.RequestSql;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The authorization hot path: warm requests run no SQL, and changes still apply on the next request. */
class HotPathIT extends IntegrationTest {

    @Test
    void warmAuthenticatedReadsRunNoSql() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "hot@example.com");
        String token = platform.login(api, tenant.slug(), "hot@example.com", PlatformFixture.PASSWORD);
        warmUp(api, token);
        double[] before = meStatements(api);

        for (int i = 0; i < 50; i++) {
            assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
        }

        double[] after = meStatements(api);
        assertThat(after[0] - before[0]).as("requests counted").isEqualTo(50);
        assertThat(after[1] - before[1])
                .as("SQL statements in 50 warm requests")
                .isZero();
    }

    @Test
    void cachedSessionsAndRolesStillChangeOnTheNextRequest() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "cached@example.com");
        Api.Response login =
                platform.loginForTokens(api, tenant.slug(), "cached@example.com", PlatformFixture.PASSWORD);
        String token = login.text("accessToken");
        assertProblem(api.get("/api/v1/users", token), 403, "FORBIDDEN");
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);

        api.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
        assertThat(api.get("/api/v1/users", token).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", token).body().path("roles").toString())
                .contains("auditor");

        api.method("DELETE", "/api/v1/sessions/" + login.text("sessionId"), tenant.adminToken());
        assertProblem(api.get("/api/v1/users/me", token), 401, "UNAUTHENTICATED");
    }

    /**
     * Steady state: the events of the set-up (login, registration) reach this instance through Kafka a
     * moment later and evict their entries once; warm up until three batches of ten requests in a row run
     * no SQL.
     */
    private static void warmUp(Api api, String token) {
        AtomicInteger quietBatches = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .alias("three batches in a row without SQL")
                .until(() -> {
                    double before = meStatements(api)[1];
                    for (int i = 0; i < 10; i++) {
                        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
                    }
                    if (meStatements(api)[1] > before) {
                        quietBatches.set(0);
                        return false;
                    }
                    return quietBatches.incrementAndGet() >= 3;
                });
    }

    private static double[] meStatements(Api api) {
        return RequestSql.countAndSum(api, "GET", "/api/v1/users/me");
    }
}
