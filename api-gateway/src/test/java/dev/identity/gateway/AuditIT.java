package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The audit trail through the API, as an audit team uses it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Api api;
    private TestTenant tenant;
    private String auditor;
    private String userId;

    @BeforeAll
    void aTenantWithHistory() {
        api = api();
        tenant = platform.createTenant(api, false);
        auditor = platform.userWithRole(api, tenant, "auditor");
        userId = platform.createUser(api, tenant, "audited@example.com");
        platform.login(api, tenant.slug(), "audited@example.com", PlatformFixture.PASSWORD);
        api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);
        api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .alias("the user's three events in its audit history")
                .until(() -> userHistory().size() >= 3);
    }

    @Test
    void userHistoryIsOldestFirstWithMetadataAndNoSecrets() {
        List<JsonNode> history = userHistory();
        assertThat(history)
                .extracting(event -> event.path("type").asText())
                .containsExactly("UserRegistered", "UserDeactivated", "UserReactivated");
        assertThat(history)
                .extracting(event -> event.path("aggregateSequence").asLong())
                .containsExactly(0L, 1L, 2L);
        JsonNode registered = history.get(0);
        assertThat(registered.path("actor").asText()).isEqualTo(tenant.adminId());
        assertThat(registered.path("requestId").asText()).isNotBlank();
        assertThat(registered.path("data").path("email").asText()).isEqualTo("audited@example.com");
        assertThat(registered.path("data").has("passwordHash")).isFalse();
    }

    @Test
    void filtersByTypeActorAggregateAndTime() {
        for (JsonNode event : page("type=UserRegistered&limit=1000")) {
            assertThat(event.path("type").asText()).isEqualTo("UserRegistered");
            assertThat(event.path("tenantId").asText()).isEqualTo(tenant.id());
        }
        assertThat(page("actor=" + tenant.adminId() + "&limit=1000"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.path("actor").asText()).isEqualTo(tenant.adminId()));
        assertThat(page("aggregateId=" + userId)).hasSize(3);

        List<JsonNode> history = userHistory();
        Instant deactivatedAt = Instant.parse(history.get(1).path("occurredAt").asText());
        List<JsonNode> fromDeactivation = page("aggregateId=" + userId + "&from=" + deactivatedAt);
        assertThat(fromDeactivation)
                .extracting(event -> event.path("type").asText())
                .containsExactly("UserDeactivated", "UserReactivated");
        assertThat(page("aggregateId=" + userId + "&to=" + deactivatedAt))
                .extracting(e -> e.path("type").asText())
                .containsExactly("UserRegistered");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrOverlaps() {
        // the trail follows the store asynchronously: the events of the tests before must all be in it first
        awaitAuditTrailAtTheHead();
        List<JsonNode> all = page("limit=1000");
        List<JsonNode> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            Api.Response response = api.get("/api/v1/audit/events?limit=2&after=" + after, auditor);
            response.body().path("items").forEach(paged::add);
            if (response.body().path("nextAfter").isNull()) {
                break;
            }
            after = response.body().path("nextAfter").asLong();
        }
        assertThat(paged)
                .extracting(event -> event.path("globalPosition").asLong())
                .isEqualTo(all.stream()
                        .map(event -> event.path("globalPosition").asLong())
                        .toList())
                .isSorted();
    }

    @Test
    void exportStreamsTheSameEventsAsNdjson() throws Exception {
        awaitAuditTrailAtTheHead();
        Api.Response export = api.get("/api/v1/audit/events/export", auditor);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<Long> exported = new ArrayList<>();
        for (String line : export.raw().split("\n")) {
            exported.add(JSON.readTree(line).path("globalPosition").asLong());
        }
        assertThat(exported)
                .isEqualTo(page("limit=1000").stream()
                        .map(e -> e.path("globalPosition").asLong())
                        .toList());
        assertThat(export.raw()).doesNotContain("passwordHash").doesNotContain("refreshTokenHash");
    }

    @Test
    void auditorsSeeTheirTenantOnlyAndNeedThePermission() {
        TestTenant other = platform.createTenant(api, false);
        String otherAuditor = platform.userWithRole(api, other, "auditor");
        assertProblem(api.get("/api/v1/audit/users/" + userId + "/history", otherAuditor), 404, "USER_NOT_FOUND");
        assertThat(api.get("/api/v1/audit/events?aggregateId=" + userId, otherAuditor)
                        .body()
                        .path("items"))
                .isEmpty();
        assertProblem(api.get("/api/v1/audit/events?tenant=" + tenant.id(), otherAuditor), 404, "TENANT_NOT_FOUND");
        String member = platform.userWithRole(api, tenant, "member");
        assertProblem(api.get("/api/v1/audit/events", member), 403, "FORBIDDEN");

        Api.Response platformView =
                api.get("/api/v1/audit/events?limit=1000&tenant=" + tenant.id(), platform.platformAdminToken(api));
        assertThat(platformView.body().path("items"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.path("tenantId").asText()).isEqualTo(tenant.id()));
    }

    @Test
    void badFiltersAreNamed() {
        for (String query : List.of("limit=0", "limit=1001", "from=yesterday", "type=Not-A-Type", "after=-1")) {
            Api.Response response = api.get("/api/v1/audit/events?" + query, auditor);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.body().path("errors").findValuesAsText("field"))
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertProblem(
                api.get("/api/v1/audit/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", auditor),
                400,
                "VALIDATION_FAILED");
    }

    private List<JsonNode> userHistory() {
        Api.Response response = api.get("/api/v1/audit/users/" + userId + "/history", auditor);
        List<JsonNode> events = new ArrayList<>();
        if (response.status() == 200) {
            response.body().forEach(events::add);
        }
        return events;
    }

    private void awaitAuditTrailAtTheHead() {
        String platformAdmin = platform.platformAdminToken(api);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .alias("the audit trail reaches the head within 30 s")
                .until(() -> {
                    for (JsonNode processor :
                            api.get("/api/v1/admin/projections", platformAdmin).body()) {
                        if (processor.path("name").asText().equals("audit")
                                && processor.path("lag").asLong() == 0) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    private List<JsonNode> page(String query) {
        Api.Response response = api.get("/api/v1/audit/events?" + query, auditor);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.body().path("items").forEach(events::add);
        return events;
    }
}
