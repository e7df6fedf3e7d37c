package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.IdentityApplication;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilding every projection from the event store gives back exactly the tables it replaces, and reads
 * are answered, complete and current, throughout; a second instance holding the live processors' segments
 * does not stand in the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT extends IntegrationTest {

    /** Every read table, each in a stable order. */
    private static final Map<String, String> READ_TABLES = Map.of(
            "users",
            "id",
            "tenant_stats",
            "tenant_id",
            "tenants",
            "id",
            "tenant_roles",
            "tenant_id, role",
            "sessions",
            "id",
            "audit_events",
            "global_position");

    private static final List<String> PROJECTIONS = List.of("users", "tenants", "sessions", "audit");
    private static final Map<String, Boolean> CONFIRM = Map.of("confirm", true);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private EventProcessingConfiguration processing;

    private ConfigurableApplicationContext instanceB;

    @BeforeAll
    void startInstanceB() {
        instanceB = startInstance();
    }

    /** Another instance of the application, on the same services. */
    private static ConfigurableApplicationContext startInstance() {
        return new SpringApplicationBuilder(IdentityApplication.class)
                .profiles("test")
                .run(Stream.concat(
                                Stream.of(sharedServices()),
                                Stream.of("server.port=0", "identity.stream.publish=false"))
                        .map(property -> "--" + property)
                        .toArray(String[]::new));
    }

    @AfterAll
    void stopInstanceB() {
        instanceB.close();
    }

    @Test
    void rebuiltTablesEqualTheTablesTheyReplace() throws Exception {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        TestTenant tenant = fillWithEveryKindOfEvent(api);
        awaitIdle(api, platformAdmin);
        Map<String, List<String>> before = snapshot();
        List<String> indexesBefore = indexNames();
        long users = jdbc.sql("SELECT user_count FROM tenant_stats WHERE tenant_id = :tenant")
                .param("tenant", tenant.id())
                .query(Long.class)
                .single();
        handSegmentsToAnotherInstance(api, platformAdmin, "users");

        List<String> wrongReads = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            while (reading.get()) {
                Api.Response page = api.get("/api/v1/users?limit=100", tenant.adminToken());
                if (page.status() != 200
                        || page.body().path("total").asLong() != users
                        || page.body().path("items").size() != users) {
                    wrongReads.add(page.toString());
                }
                reads++;
            }
            return reads;
        });

        try (Connection reader2 = dataSource.getConnection()) {
            // a reader holding the users table keeps that rebuild from switching until it lets go
            reader2.setAutoCommit(false);
            reader2.createStatement().execute("SELECT 1 FROM users LIMIT 1");
            Api.Response started = api.post("/api/v1/admin/projections/users/replay", platformAdmin, CONFIRM);
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            assertThat(started.body().path("rebuild").hasNonNull("startedAt"))
                    .as("%s", started)
                    .isTrue();
            assertThat(started.body().path("rebuild").hasNonNull("finishedAt")).isFalse();
            assertThat(started.body().path("replaying").asBoolean())
                    .as("%s", started)
                    .isTrue();
            Api.Response together = api.post(
                    "/api/v1/admin/projections/replay",
                    platformAdmin,
                    Map.of("confirm", true, "projections", List.of("tenants", "sessions", "audit")));
            assertThat(together.status()).as("%s", together).isEqualTo(202);
            assertThat(together.body()).hasSize(3);
            String sharedProcessor =
                    together.body().get(0).path("rebuild").path("processor").asText();
            for (JsonNode projection : together.body()) {
                assertThat(projection.path("rebuild").path("processor").asText())
                        .as("one replay for the three: %s", together)
                        .isEqualTo(sharedProcessor);
            }
            assertProblem(
                    api.post("/api/v1/admin/projections/users/replay", platformAdmin, CONFIRM), 409, "REBUILD_REFUSED");
            assertProblem(api.post("/api/v1/admin/projections/replay", platformAdmin, CONFIRM), 409, "REBUILD_REFUSED");
            awaitReplayedButNotSwitched(api, platformAdmin, "users");
            Thread.sleep(2500); // longer than the switch's check interval and its lock timeout
            awaitReplayedButNotSwitched(api, platformAdmin, "users");
            reader2.commit();
        }
        awaitIdle(api, platformAdmin);
        reading.set(false);

        assertThat(reader.get()).as("reads during the rebuild").isPositive();
        assertThat(wrongReads)
                .as("reads that were not complete during the rebuild")
                .isEmpty();
        Map<String, List<String>> after = snapshot();
        for (String table : READ_TABLES.keySet()) {
            assertThat(after.get(table))
                    .as("rows of %s", table)
                    .hasSize(before.get(table).size())
                    .containsExactlyElementsOf(before.get(table));
        }
        assertThat(indexNames()).isEqualTo(indexesBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'")
                        .query(Long.class)
                        .single())
                .as("shadow schemas left behind")
                .isZero();
    }

    @Test
    void writesDuringARebuildAreServedAtOnceAndKeptByIt() throws Exception {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        String manager = platform.userWithRole(api, tenant, "user-manager");
        String managerId = api.get("/api/v1/users/me", manager).text("id");
        assertThat(api.get("/api/v1/users", manager).status()).isEqualTo(200);
        awaitIdle(api, platformAdmin);

        Api.Response created;
        Map<String, List<String>> served;
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT 1 FROM users LIMIT 1"); // keeps the rebuild from switching
            assertThat(api.post(
                                    "/api/v1/admin/projections/replay",
                                    platformAdmin,
                                    Map.of("confirm", true, "projections", List.of("users", "sessions")))
                            .status())
                    .isEqualTo(202);
            Api.Response revoked =
                    api.method("DELETE", "/api/v1/users/" + managerId + "/roles/user-manager", tenant.adminToken());
            assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
            assertThat(revoked.body().path("roles").toString()).doesNotContain("user-manager");
            assertThat(api.get("/api/v1/users", manager).status())
                    .as("refused at once")
                    .isEqualTo(403);
            created = api.post(
                    "/api/v1/users",
                    tenant.adminToken(),
                    Map.of(
                            "email",
                            "during-rebuild@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            "New"));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(api.get("/api/v1/users/" + created.text("id"), tenant.adminToken())
                            .status())
                    .isEqualTo(200);
            Api.Response login =
                    platform.loginForTokens(api, tenant.slug(), "during-rebuild@example.com", PlatformFixture.PASSWORD);
            assertThat(api.get("/api/v1/users/me", login.text("accessToken")).status())
                    .as("a session started during a sessions rebuild")
                    .isEqualTo(200);
            awaitReplayedButNotSwitched(api, platformAdmin, "users");
            served = tenantRows(tenant);
            reader.commit();
        }
        awaitIdle(api, platformAdmin);
        assertThat(tenantRows(tenant))
                .as("the rebuilt rows of the tenant written to during the rebuild")
                .isEqualTo(served);
        assertThat(served.get("users").toString()).contains("during-rebuild@example.com");
        assertThat(api.get("/api/v1/users", manager).status())
                .as("refused after the switch")
                .isEqualTo(403);
    }

    @Test
    void aRebuildSwitchesInWhileWritesGoOn() throws Exception {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        // Instance B writes and runs the live processors, so it sees every write at once; this instance
        // polls for them, so the replay here trails the live processors, and only the switch's wait for
        // the replay to cover them keeps the newest writes from being lost.
        handSegmentsToAnotherInstance(api, platformAdmin, "users");
        handSegmentsToAnotherInstance(api, platformAdmin, "audit");
        Api apiB = new Api("http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port"));
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int written = 0;
            while (writing.get()) {
                String userId = platform.createUser(apiB, tenant, "under-load-" + written + "@example.com");
                assertThat(apiB.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken())
                                .status())
                        .isEqualTo(200);
                written++;
            }
            return written;
        });
        Thread.sleep(500);
        assertThat(api.post("/api/v1/admin/projections/replay", platformAdmin, CONFIRM)
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .alias("switched in under a steady write load within 60 s")
                .failFast("the writer is no longer writing", writer::isDone)
                .until(() -> !processorStatus(api, platformAdmin, "users")
                                .path("rebuild")
                                .path("finishedAt")
                                .isNull()
                        && !processorStatus(api, platformAdmin, "audit")
                                .path("rebuild")
                                .path("finishedAt")
                                .isNull());
        Thread.sleep(500); // writes go on against the switched-in tables
        writing.set(false);
        int written = writer.get();
        awaitIdle(api, platformAdmin);

        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :tenant AND 'auditor' = ANY(roles)")
                        .param("tenant", tenant.id())
                        .query(Long.class)
                        .single())
                .as("users written")
                .isEqualTo(written);
        assertThat(jdbc.sql("""
                        SELECT s.user_count = (SELECT count(*) FROM users u WHERE u.tenant_id = s.tenant_id)
                        FROM tenant_stats s WHERE s.tenant_id = :tenant""")
                        .param("tenant", tenant.id())
                        .query(Boolean.class)
                        .single())
                .as("the tenant's count")
                .isTrue();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry e
                        WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.global_position = e.global_index)
                          AND NOT EXISTS (SELECT 1 FROM dead_letter_evictions v
                                          WHERE v.processor = 'audit' AND v.event_id = e.event_identifier)""").query(Long.class).single())
                .as("events missing from the audit trail (but those an operator evicted)")
                .isZero();
    }

    @Test
    void aRebuildWhoseInstanceStoppedIsTakenOverElsewhere() throws Exception {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        awaitIdle(api, platformAdmin);
        Map<String, List<String>> before = snapshot();
        ConfigurableApplicationContext instanceC = startInstance();
        String stoppedProcessor;
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT 1 FROM audit_events LIMIT 1"); // keeps it from switching
            Api apiC = new Api("http://127.0.0.1:" + instanceC.getEnvironment().getProperty("local.server.port"));
            Api.Response started = apiC.post(
                    "/api/v1/admin/projections/replay",
                    platformAdmin,
                    Map.of("confirm", true, "projections", List.of("sessions", "audit")));
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            stoppedProcessor =
                    started.body().get(0).path("rebuild").path("processor").asText();
            awaitReplayedButNotSwitched(api, platformAdmin, "audit");
            assertProblem(
                    api.post("/api/v1/admin/projections/audit/replay", platformAdmin, CONFIRM), 409, "REBUILD_REFUSED");
            instanceC.close();
            reader.commit();
        }
        Api.Response audit = api.post("/api/v1/admin/projections/audit/replay", platformAdmin, CONFIRM);
        assertThat(audit.status()).as("%s", audit).isEqualTo(202);
        assertThat(audit.body().path("rebuild").path("processor").asText())
                .as("asked for alone, audit starts afresh")
                .isNotEqualTo(stoppedProcessor);
        Api.Response sessions = api.post("/api/v1/admin/projections/sessions/replay", platformAdmin, CONFIRM);
        assertThat(sessions.status()).as("%s", sessions).isEqualTo(202);
        assertThat(sessions.body().path("rebuild").path("processor").asText())
                .as("left alone in the stopped rebuild, sessions goes on in it")
                .isEqualTo(stoppedProcessor);
        assertThat(sessions.body().path("rebuild").path("position").asLong())
                .as("where the stopped instance had got to")
                .isPositive();
        awaitIdle(api, platformAdmin);
        Map<String, List<String>> after = snapshot();
        assertThat(after.get("audit_events")).containsExactlyElementsOf(before.get("audit_events"));
        assertThat(after.get("sessions")).containsExactlyElementsOf(before.get("sessions"));
        // the switch commits first, then the processor stops and its tokens go
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .alias("tokens of ended rebuilds removed within 10 s")
                .until(
                        () -> jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name LIKE 'rebuild-%'")
                                .query(Long.class)
                                .single(),
                        tokens -> tokens == 0);
    }

    @Test
    void onlyPlatformAdminsRebuildAndOnlyProjections() {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        assertProblem(
                api.post("/api/v1/admin/projections/kafka-publisher/replay", platformAdmin, CONFIRM),
                404,
                "PROJECTION_NOT_FOUND");
        assertProblem(
                api.post("/api/v1/admin/projections/nope/replay", platformAdmin, CONFIRM), 404, "PROJECTION_NOT_FOUND");
        Api.Response unknown = api.post(
                "/api/v1/admin/projections/replay",
                platformAdmin,
                Map.of("confirm", true, "projections", List.of("users", "kafka-publisher")));
        assertProblem(unknown, 400, "VALIDATION_FAILED");
        assertThat(unknown.body().toString()).contains("projections").contains("kafka-publisher");
        TestTenant tenant = platform.createTenant(api, false);
        assertProblem(
                api.post("/api/v1/admin/projections/users/replay", tenant.adminToken(), CONFIRM), 403, "FORBIDDEN");
        assertProblem(api.post("/api/v1/admin/projections/replay", tenant.adminToken(), CONFIRM), 403, "FORBIDDEN");
    }

    /**
     * Stops this instance's processor until other instances have claimed every segment, then starts it
     * again (it finds nothing left to claim): Axon's own reset would now fail here.
     */
    private void handSegmentsToAnotherInstance(Api api, String platformAdmin, String projection) {
        StreamingEventProcessor here = processing
                .eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow();
        here.shutDown();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .alias("other instances claim " + projection + " within 60 s")
                    .until(() -> {
                        JsonNode status = processorStatus(api, platformAdmin, projection);
                        long claimed = jdbc.sql("""
                                        SELECT count(*) FROM token_entry
                                        WHERE processor_name = :projection AND owner IS NOT NULL""")
                                .param("projection", projection)
                                .query(Long.class)
                                .single();
                        return claimed == status.path("segments").asLong();
                    });
        } finally {
            here.start();
        }
        assertThat(here.processingStatus())
                .as("segments of %s this instance processes", projection)
                .isEmpty();
    }

    private JsonNode processorStatus(Api api, String platformAdmin, String projection) {
        for (JsonNode processor :
                api.get("/api/v1/admin/projections", platformAdmin).body()) {
            if (processor.path("name").asText().equals(projection)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + projection);
    }

    /** A tenant with a custom role, users with role changes, a deactivation, sessions refreshed and revoked. */
    private TestTenant fillWithEveryKindOfEvent(Api api) {
        TestTenant tenant = platform.createTenant(api, false);
        TestTenant suspended = platform.createTenant(api, false);
        assertThat(api.post("/api/v1/tenants/" + suspended.id() + "/suspend", platform.platformAdminToken(api), null)
                        .status())
                .isEqualTo(200);
        assertThat(api.method(
                                "PUT",
                                "/api/v1/roles/reader",
                                tenant.adminToken(),
                                Map.of("permissions", List.of("users:read")))
                        .status())
                .isEqualTo(201);
        assertThat(api.method(
                                "PUT",
                                "/api/v1/roles/reader",
                                tenant.adminToken(),
                                Map.of("permissions", List.of("users:read", "tenant:read")))
                        .status())
                .isEqualTo(200);
        for (int i = 0; i < 12; i++) {
            String email = "replay-" + i + "@example.com";
            String userId = platform.createUser(api, tenant, email);
            if (i % 3 == 0) {
                assertThat(api.method("PUT", "/api/v1/users/" + userId + "/roles/reader", tenant.adminToken())
                                .status())
                        .isEqualTo(200);
            }
            if (i % 4 == 0) {
                assertThat(api.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken())
                                .status())
                        .isEqualTo(200);
                assertThat(api.method("DELETE", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken())
                                .status())
                        .isEqualTo(200);
            }
            if (i % 5 == 1) {
                Api.Response login = platform.loginForTokens(api, tenant.slug(), email, PlatformFixture.PASSWORD);
                assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", login.text("refreshToken")))
                                .status())
                        .isEqualTo(200);
                assertThat(api.method("DELETE", "/api/v1/sessions/" + login.text("sessionId"), tenant.adminToken())
                                .status())
                        .isEqualTo(204);
            }
            if (i == 7) {
                assertThat(api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null)
                                .status())
                        .isEqualTo(200);
            }
        }
        return tenant;
    }

    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        READ_TABLES.forEach((table, order) -> tables.put(
                table,
                jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY " + order)
                        .query(String.class)
                        .list()));
        return tables;
    }

    /** A tenant's rows in the users, statistics and sessions tables, as JSON. */
    private Map<String, List<String>> tenantRows(TestTenant tenant) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : List.of("users", "tenant_stats", "sessions")) {
            rows.put(
                    table,
                    jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t WHERE tenant_id = :tenant ORDER BY "
                                    + READ_TABLES.get(table))
                            .param("tenant", tenant.id())
                            .query(String.class)
                            .list());
        }
        return rows;
    }

    private List<String> indexNames() {
        return jdbc.sql("""
                        SELECT tablename || '.' || indexname FROM pg_indexes
                        WHERE schemaname = 'public' AND tablename IN (:tables) ORDER BY 1""")
                .param("tables", List.copyOf(READ_TABLES.keySet()))
                .query(String.class)
                .list();
    }

    /** Every projection has processed every event and no rebuild is left to switch. */
    private void awaitIdle(Api api, String platformAdmin) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .alias("projections idle within 120 s")
                .until(() -> api.get("/api/v1/admin/projections", platformAdmin).body(), status -> {
                    boolean idle = true;
                    for (JsonNode processor : status) {
                        boolean rebuilding = processor.path("rebuild").isObject()
                                && !processor.path("rebuild").hasNonNull("finishedAt");
                        idle &= processor.path("lag").asLong() == 0
                                && !processor.path("replaying").asBoolean()
                                && !rebuilding;
                    }
                    return idle;
                });
    }

    /** Fails at once if the rebuild of the projection has switched in. */
    private void awaitReplayedButNotSwitched(Api api, String platformAdmin, String projection) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .alias("replay of " + projection + " caught up within 120 s")
                .until(() -> processorStatus(api, platformAdmin, projection), users -> {
                    assertThat(users.path("rebuild").hasNonNull("finishedAt"))
                            .as("%s", users)
                            .isFalse();
                    return users.path("replaying").asBoolean()
                            && users.path("progress").asDouble() >= 1.0;
                });
    }
}
