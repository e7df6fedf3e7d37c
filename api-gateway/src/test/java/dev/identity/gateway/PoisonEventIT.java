package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.events.user.UserRegistered;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.RawEvents;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event a projection cannot apply parks its own sequence in the dead-letter queue, and nothing else: other
 * tenants' writes project as usual, a write behind the parked sequence answers 503 at once, and an operator
 * sees the parked events, retries them once the cause is gone, or evicts one (audited).
 */
class PoisonEventIT extends IntegrationTest {

    private static final Duration PARKED_WITHIN = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Test
    void anEventTheProjectionsCannotStoreParksOnlyItsOwnSequence() {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        TestTenant poisoned = platform.createTenant(api, false);
        TestTenant healthy = platform.createTenant(api, false);
        String poisonUser = UUID.randomUUID().toString();
        // PostgreSQL text refuses NUL, and jsonb refuses \u0000: neither users nor audit can store this event
        RawEvents.Stored poison = RawEvents.insert(
                jdbc,
                "User",
                poisonUser,
                0,
                UserRegistered.class,
                """
                {"userId":"%s","tenantId":"%s","email":"poison@example.com","passwordHash":"{bcrypt}$2a$04$x",\
                "displayName":"Poison\\u0000Name","roles":["member"],"registeredBy":"ADMIN"}""".formatted(poisonUser, poisoned.id()),
                poisoned.id());
        JsonNode parkedUser = awaitParked(api, operator, "users", poisoned.id());
        assertThat(parkedUser.path("eventId").asText()).isEqualTo(poison.eventId());
        assertThat(parkedUser.path("index").asLong()).isZero();
        assertThat(parkedUser.path("globalPosition").asLong()).isEqualTo(poison.globalIndex());
        assertThat(parkedUser.path("eventType").asText()).isEqualTo("UserRegistered");
        assertThat(parkedUser.path("aggregateId").asText()).isEqualTo(poisonUser);
        assertThat(parkedUser.path("causeType").asText()).isNotBlank();
        assertThat(parkedUser.path("attempts").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(parkedUser.path("firstAttempt").isTextual()).isTrue();
        assertThat(parkedUser.path("lastAttempt").isTextual()).isTrue();
        assertThat(awaitParked(api, operator, "audit", poisonUser)
                        .path("eventId")
                        .asText())
                .isEqualTo(poison.eventId());
        awaitDegradedHealthAndGauge(api);
        assertThat(api.get("/actuator/health/readiness", null).status())
                .as("still ready")
                .isEqualTo(200);

        long started = System.nanoTime();
        String healthyUser = platform.createUser(api, healthy, "after-poison@example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("another tenant's write")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(api.get("/api/v1/users/" + healthyUser, healthy.adminToken()).status())
                .isEqualTo(200);
        assertCountsMatchRows(api, healthy, 2);

        started = System.nanoTime();
        Api.Response stalled = api.post(
                "/api/v1/users",
                poisoned.adminToken(),
                Map.of("email", "behind@example.com", "password", PlatformFixture.PASSWORD, "displayName", "Behind"));
        assertThat(stalled.status()).as("%s", stalled).isEqualTo(503);
        assertThat(stalled.text("code")).isEqualTo("READ_MODEL_STALLED");
        assertThat(stalled.text("readModel")).isEqualTo("users");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered at once, not after the wait")
                .isLessThan(Duration.ofSeconds(2));
        String behindUser = stalled.text("aggregateId");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                        .param("id", behindUser)
                        .query(Long.class)
                        .single())
                .as("its event is stored")
                .isEqualTo(1);

        List<JsonNode> sequence = letters(api, operator, "users", poisoned.id());
        assertThat(sequence).hasSize(2);
        assertThat(sequence.get(1).path("aggregateId").asText())
                .as("waits behind the poison")
                .isEqualTo(behindUser);
        assertThat(sequence.get(1).path("causeType").isNull()).isTrue();

        Api.Response evicted = api.post(
                "/api/v1/admin/dead-letters/users/" + poisoned.id() + "/evict",
                operator,
                Map.of(
                        "eventId",
                        poison.eventId(),
                        "reason",
                        "fixture with a NUL in its display name",
                        "confirm",
                        true));
        assertThat(evicted.status()).as("%s", evicted).isEqualTo(200);
        assertThat(evicted.body().path("remaining")).hasSize(1);

        Api.Response retried = api.post("/api/v1/admin/dead-letters/users/" + poisoned.id() + "/retry", operator, null);
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.body().path("resolved").asBoolean()).isTrue();
        assertThat(retried.body().path("remaining")).isEmpty();
        assertThat(api.get("/api/v1/users/" + behindUser, poisoned.adminToken()).status())
                .isEqualTo(200);
        assertCountsMatchRows(api, poisoned, 2);
        platform.createUser(api, poisoned, "flows-again@example.com");
        assertCountsMatchRows(api, poisoned, 3);

        JsonNode eviction = awaitEvictionInAuditTrail(api, operator, poison.eventId());
        assertThat(eviction.path("actor").asText())
                .isEqualTo(api.get("/api/v1/users/me", operator).text("id"));
        assertThat(eviction.path("data").path("processor").asText()).isEqualTo("users");
        assertThat(eviction.path("data").path("reason").asText()).isEqualTo("fixture with a NUL in its display name");

        Api.Response unconfirmed = api.post(
                "/api/v1/admin/dead-letters/audit/" + poisonUser + "/evict",
                operator,
                Map.of("eventId", poison.eventId(), "reason", "same fixture"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/admin/dead-letters/audit/" + poisonUser + "/evict",
                                operator,
                                Map.of("eventId", poison.eventId(), "reason", "same fixture", "confirm", true))
                        .status())
                .isEqualTo(200);
        assertThat(letters(api, operator, "audit", poisonUser)).isEmpty();
    }

    @Test
    void aParkedSequenceIsAppliedExactlyOnceWhenRetriedAfterItsCauseIsRemoved() {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        String refusedName = "Refused " + UUID.randomUUID();
        String constraint = "poison_" + UUID.randomUUID().toString().replace("-", "");
        String refusedRequest = "refused-" + UUID.randomUUID();
        jdbc.sql("ALTER TABLE users ADD CONSTRAINT " + constraint + " CHECK (display_name <> '" + refusedName
                        + "') NOT VALID")
                .update();
        jdbc.sql("ALTER TABLE audit_events ADD CONSTRAINT " + constraint + " CHECK (request_id <> '" + refusedRequest
                        + "') NOT VALID")
                .update();
        String userId;
        try {
            Api.Response stalled = api.postWithHeaders(
                    "/api/v1/users",
                    Map.of("Authorization", "Bearer " + tenant.adminToken(), "X-Request-Id", refusedRequest),
                    Map.of(
                            "email",
                            "refused@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            refusedName));
            assertThat(stalled.status()).as("%s", stalled).isEqualTo(503);
            assertThat(stalled.text("code")).isEqualTo("READ_MODEL_STALLED");
            userId = stalled.text("aggregateId");
            assertThat(awaitParked(api, operator, "users", tenant.id())
                            .path("aggregateId")
                            .asText())
                    .isEqualTo(userId);
            Api.Response stillRefused =
                    api.post("/api/v1/admin/dead-letters/users/" + tenant.id() + "/retry", operator, null);
            assertThat(stillRefused.body().path("resolved").asBoolean()).isFalse();
            assertThat(stillRefused
                            .body()
                            .path("remaining")
                            .get(0)
                            .path("attempts")
                            .asLong())
                    .isGreaterThanOrEqualTo(2);
            assertThat(awaitParked(api, operator, "audit", userId)
                            .path("aggregateId")
                            .asText())
                    .isEqualTo(userId);
        } finally {
            jdbc.sql("ALTER TABLE users DROP CONSTRAINT " + constraint).update();
            jdbc.sql("ALTER TABLE audit_events DROP CONSTRAINT " + constraint).update();
        }
        Api.Response auditRetried = api.post("/api/v1/admin/dead-letters/audit/" + userId + "/retry", operator, null);
        assertThat(auditRetried.body().path("resolved").asBoolean())
                .as("%s", auditRetried)
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE aggregate_id = :id AND request_id = :request")
                        .param("id", userId)
                        .param("request", refusedRequest)
                        .query(Long.class)
                        .single())
                .as("the audit row, exactly once")
                .isEqualTo(1);

        Api.Response retried = api.post("/api/v1/admin/dead-letters/users/" + tenant.id() + "/retry", operator, null);
        assertThat(retried.body().path("resolved").asBoolean())
                .as("%s", retried)
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE id = :id")
                        .param("id", userId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertCountsMatchRows(api, tenant, 2);
        // nothing is left to retry
        assertThat(api.post("/api/v1/admin/dead-letters/users/" + tenant.id() + "/retry", operator, null)
                        .status())
                .isEqualTo(404);
        platform.createUser(api, tenant, "after-retry@example.com");
        assertCountsMatchRows(api, tenant, 3);
    }

    @Test
    void aRebuildParksWhatItCannotApplyAndSwitchesInOnceTheOperatorRetriesIt() throws InterruptedException {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        String name = "Rebuilt later " + UUID.randomUUID();
        Api.Response created = api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of(
                        "email",
                        "rebuilt-later@example.com",
                        "password",
                        PlatformFixture.PASSWORD,
                        "displayName",
                        name));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String constraint = "poison_" + UUID.randomUUID().toString().replace("-", "");
        // the live rows were written before it; the rebuild's copy of the table inherits it and meets the row anew
        jdbc.sql("ALTER TABLE users ADD CONSTRAINT " + constraint + " CHECK (display_name <> '" + name + "') NOT VALID")
                .update();
        String rebuild;
        try {
            Api.Response started =
                    api.post("/api/v1/admin/projections/users/replay", operator, Map.of("confirm", true));
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            rebuild = started.body().path("rebuild").path("processor").asText();
            JsonNode parked = awaitParked(api, operator, rebuild, tenant.id());
            assertThat(parked.path("aggregateId").asText()).isEqualTo(created.text("id"));
            Thread.sleep(2000); // longer than the rebuild's check interval: it must not switch in meanwhile
            assertThat(usersProjection(api, operator).path("replaying").asBoolean())
                    .as("held for the operator")
                    .isTrue();
        } finally {
            jdbc.sql("ALTER TABLE users DROP CONSTRAINT " + constraint).update();
            jdbc.sql("ALTER TABLE IF EXISTS rebuild_users.users DROP CONSTRAINT IF EXISTS " + constraint)
                    .update();
        }
        Api.Response retried =
                api.post("/api/v1/admin/dead-letters/" + rebuild + "/" + tenant.id() + "/retry", operator, null);
        assertThat(retried.body().path("resolved").asBoolean())
                .as("%s", retried)
                .isTrue();

        await().atMost(PARKED_WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                usersProjection(api, operator).path("replaying").asBoolean())
                        .as("switched in")
                        .isFalse());
        assertThat(api.get("/api/v1/users/" + created.text("id"), tenant.adminToken())
                        .text("displayName"))
                .isEqualTo(name);
        assertCountsMatchRows(api, tenant, 2);
    }

    @Test
    void aNewUserTheReadModelHasNotShownInTimeIsA503NotANotFound() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId;
        try (Connection holder = dataSource.getConnection()) {
            // the users projection must update this row for the new user, and waits for the lock
            holder.setAutoCommit(false);
            holder.createStatement()
                    .execute("SELECT 1 FROM tenant_stats WHERE tenant_id = '" + tenant.id() + "' FOR UPDATE");
            Api.Response created = api.post(
                    "/api/v1/users",
                    tenant.adminToken(),
                    Map.of(
                            "email",
                            "held-up@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            "Held up"));
            assertThat(created.status()).as("%s", created).isEqualTo(503);
            assertThat(created.text("code")).isEqualTo("READ_MODEL_BEHIND");
            assertThat(created.header("Retry-After")).isNotBlank();
            userId = created.text("aggregateId");
            holder.rollback();
        }
        await().atMost(PARKED_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(api.get("/api/v1/users/" + userId, tenant.adminToken())
                                .status())
                        .as("shown once let go")
                        .isEqualTo(200));
        assertThat(letters(api, platform.platformAdminToken(api), "users", tenant.id()))
                .as("a lock wait is not the event's fault: nothing parked")
                .isEmpty();
    }

    @Test
    void deadLetterEndpointsAnswerBadInputWithProblems() {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        assertProblem(api.get("/api/v1/admin/dead-letters?limit=0", operator), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/v1/admin/dead-letters?limit=lots", operator), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/v1/admin/dead-letters?processor=us%01ers", operator), 400, "VALIDATION_FAILED");
        assertProblem(
                api.post("/api/v1/admin/dead-letters/users/nothing-parked/retry", operator, null),
                404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(
                api.post("/api/v1/admin/dead-letters/no-such-processor/x/retry", operator, null),
                404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(
                api.post(
                        "/api/v1/admin/dead-letters/users/x/evict",
                        operator,
                        Map.of("eventId", "nope", "reason", "testing", "confirm", true)),
                404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(
                api.post(
                        "/api/v1/admin/dead-letters/users/x/evict",
                        operator,
                        Map.of("eventId", "nope", "confirm", true)),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                api.postRaw("/api/v1/admin/dead-letters/users/x/evict", operator, "{\"eventId\":"),
                400,
                "MALFORMED_REQUEST");
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }

    /** The sampler runs every 5 s: health says DEGRADED (still 200) and the gauge counts the parked events. */
    private static void awaitDegradedHealthAndGauge(Api api) {
        await().atMost(PARKED_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .alias("Health is DEGRADED and identity_dead_letters counts the parked events")
                .until(() -> {
                    Api.Response health = api.get("/actuator/health", null);
                    String metrics = api.get("/actuator/prometheus", null).raw();
                    return health.status() == 200
                            && health.body()
                                    .path("components")
                                    .path("deadLetters")
                                    .path("status")
                                    .asText()
                                    .equals("DEGRADED")
                            && metrics.lines()
                                    .anyMatch(line -> line.startsWith("identity_dead_letters{")
                                            && line.contains("processor=\"users\"")
                                            && !line.endsWith(" 0.0"));
                });
    }

    private static JsonNode usersProjection(Api api, String operator) {
        for (JsonNode processor : api.get("/api/v1/admin/projections", operator).body()) {
            if (processor.path("name").asText().equals("users")) {
                return processor;
            }
        }
        throw new AssertionError("No users processor listed");
    }

    private void assertCountsMatchRows(Api api, TestTenant tenant, long expected) {
        Api.Response view = api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken());
        long rows = jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :tenant")
                .param("tenant", tenant.id())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(expected);
        assertThat(view.body().path("userCount").asLong()).as("%s", view).isEqualTo(expected);
    }

    private static List<JsonNode> letters(Api api, String operator, String processor, String sequence) {
        Api.Response listing = api.get("/api/v1/admin/dead-letters?processor=" + processor + "&limit=1000", operator);
        assertThat(listing.status()).as("%s", listing).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        listing.body().path("items").forEach(letter -> {
            if (letter.path("sequence").asText().equals(sequence)) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private static JsonNode awaitParked(Api api, String operator, String processor, String sequence) {
        return await().atMost(PARKED_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .alias(processor + " parks an event in sequence " + sequence)
                .until(() -> letters(api, operator, processor, sequence), letters -> !letters.isEmpty())
                .get(0);
    }

    private static JsonNode awaitEvictionInAuditTrail(Api api, String operator, String eventId) {
        return await().atMost(PARKED_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .alias("a DeadLetterEvicted for " + eventId + " in the audit trail")
                .until(
                        () -> {
                            for (JsonNode event : api.get(
                                            "/api/v1/audit/events?type=DeadLetterEvicted&limit=1000", operator)
                                    .body()
                                    .path("items")) {
                                if (event.path("data").path("eventId").asText().equals(eventId)) {
                                    return Optional.of(event);
                                }
                            }
                            return Optional.<JsonNode>empty();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }
}
