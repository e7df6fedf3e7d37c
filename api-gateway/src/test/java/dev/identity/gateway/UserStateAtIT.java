package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scripted timeline, then the user as they were between each step. */
class UserStateAtIT extends IntegrationTest {

    @Test
    void userIsRebuiltAsTheyWereAtEachInstant() throws InterruptedException {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String auditor = platform.userWithRole(api, tenant, "auditor");
        Instant beforeAll = Instant.now();
        Thread.sleep(5);
        String userId = platform.createUser(api, tenant, "timeline@example.com");
        Instant registered = afterAStep();
        api.method("PUT", "/api/v1/users/" + userId + "/roles/user-manager", tenant.adminToken());
        Instant promoted = afterAStep();
        String sessionId = platform.loginForTokens(api, tenant.slug(), "timeline@example.com", PlatformFixture.PASSWORD)
                .text("sessionId");
        Instant loggedIn = afterAStep();
        api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);
        Instant deactivated = afterAStep();
        api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null);
        api.method("DELETE", "/api/v1/users/" + userId + "/roles/user-manager", tenant.adminToken());
        awaitAudit(api, auditor, userId, 5);

        assertProblem(state(api, auditor, userId, beforeAll), 404, "USER_NOT_FOUND");

        JsonNode atRegistration = state(api, auditor, userId, registered).body();
        assertThat(atRegistration.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(atRegistration.path("email").asText()).isEqualTo("timeline@example.com");
        assertThat(texts(atRegistration.path("roles"))).containsExactly("member");
        assertThat(atRegistration.path("sessions")).isEmpty();

        assertThat(texts(state(api, auditor, userId, promoted).body().path("roles")))
                .containsExactly("member", "user-manager");

        JsonNode atLogin = state(api, auditor, userId, loggedIn).body();
        assertThat(atLogin.path("sessions")).hasSize(1);
        assertThat(atLogin.path("sessions").get(0).path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(atLogin.path("sessions").get(0).path("status").asText()).isEqualTo("ACTIVE");

        JsonNode atDeactivation = state(api, auditor, userId, deactivated).body();
        assertThat(atDeactivation.path("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(atDeactivation.path("sessions").get(0).path("status").asText())
                .isEqualTo("REVOKED");
        assertThat(atDeactivation
                        .path("sessions")
                        .get(0)
                        .path("revocationReason")
                        .asText())
                .isEqualTo("USER_DEACTIVATED");

        JsonNode now = state(api, auditor, userId, Instant.now()).body();
        assertThat(now.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(texts(now.path("roles"))).containsExactly("member");

        assertProblem(api.get("/api/v1/audit/users/" + userId + "/state", auditor), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/v1/audit/users/" + userId + "/state?at=soon", auditor), 400, "VALIDATION_FAILED");
        String otherAuditor = platform.userWithRole(api, platform.createTenant(api, false), "auditor");
        assertProblem(state(api, otherAuditor, userId, Instant.now()), 404, "USER_NOT_FOUND");
    }

    private static Instant afterAStep() throws InterruptedException {
        Thread.sleep(5);
        Instant instant = Instant.now();
        Thread.sleep(5);
        return instant;
    }

    private static void awaitAudit(Api api, String auditor, String userId, int events) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .alias("The audit trail shows " + events + " events of " + userId)
                .until(
                        () -> api.get("/api/v1/audit/users/" + userId + "/history", auditor),
                        history -> history.status() == 200 && history.body().size() >= events);
    }

    private static Api.Response state(Api api, String auditor, String userId, Instant at) {
        return api.get("/api/v1/audit/users/" + userId + "/state?at=" + at, auditor);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
