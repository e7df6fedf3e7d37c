package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.IdentityApplication;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.gateway.consistency.Instance;
import dev.identity.gateway.consistency.Lease;
import dev.identity.gateway.operations.SegmentSharing;
import dev.identity.gateway.write.CommandSender;
import dev.identity.query.user.UserProjection;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.LocalServices;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two instances (A: the test's application, B: a second one started here) against the same PostgreSQL,
 * Redis and Kafka. What A revokes, B refuses on the very next request: A's write answers only once B has
 * acknowledged its fence (docs/adr/0002-revocation-is-fenced-across-instances.md). While B's listener is
 * down, B trusts none of its caches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT extends IntegrationTest {

    private static final int SESSION_TRIES = 200;
    private static final int ROLE_TRIES = 50;
    /** More than twice the snapshot interval, and more than the 100 spent tokens a session remembers. */
    private static final int REFRESHES = 130;
    /** Releases within the instances interval, claims within Axon's token claim interval (5 s), with margin. */
    private static final Duration SHARING = Duration.ofSeconds(60);
    /** B's first reconnection waits this long: the window in which B has no lease. */
    private static final Duration B_RECONNECT_BACKOFF = Duration.ofSeconds(2);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CommandSender commands;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ApplicationContext instanceA;

    private ConfigurableApplicationContext instanceB;
    private Api b;

    @BeforeAll
    void startInstanceB() {
        instanceA.getBean(SegmentSharing.class).sharing(true);
        String[] arguments = Stream.concat(
                        Stream.of(sharedServices()),
                        Stream.of(
                                "server.port=0",
                                "identity.consistency.share-segments=true",
                                "identity.consistency.listener.reconnect-backoff=" + B_RECONNECT_BACKOFF.toMillis()
                                        + "ms"))
                .map(property -> "--" + property)
                .toArray(String[]::new);
        instanceB = new SpringApplicationBuilder(IdentityApplication.class)
                .profiles("test")
                .run(arguments);
        b = new Api("http://127.0.0.1:" + instanceB.getEnvironment().getProperty("local.server.port"));
        LocalServices.awaitAssignment(kafkaOfB());
        await(() -> instanceB.getBean(Lease.class).held(), Duration.ofSeconds(10), "B's lease");
    }

    @AfterAll
    void stopInstanceB() {
        instanceA.getBean(SegmentSharing.class).sharing(false);
        instanceB.close();
        // the next tests' writes must not wait for a segment on its way back to A
        await(
                () -> ownedSegments(instanceA).values().stream()
                                .mapToInt(List::size)
                                .sum()
                        == jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name IN (:names)")
                                .param("names", ownedSegments(instanceA).keySet())
                                .query(Integer.class)
                                .single(),
                SHARING,
                "A processing every segment again");
    }

    @Test
    void aSessionRevokedThroughAIsRefusedByBOnTheNextRequest() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        platform.createUser(a, tenant, "roaming@example.com");
        List<Long> revokeMicros = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < SESSION_TRIES; i++) {
            Api.Response login =
                    platform.loginForTokens(a, tenant.slug(), "roaming@example.com", PlatformFixture.PASSWORD);
            String token = login.text("accessToken");
            assertThat(b.get("/api/v1/users/me", token).status())
                    .as("B before the revocation")
                    .isEqualTo(200);

            long started = System.nanoTime();
            Api.Response revoked =
                    a.method("DELETE", "/api/v1/sessions/" + login.text("sessionId"), tenant.adminToken());
            revokeMicros.add((System.nanoTime() - started) / 1_000);
            assertThat(revoked.status()).as("revocation through A").isEqualTo(204);
            Api.Response next = b.get("/api/v1/users/me", token);
            if (next.status() == 200) {
                accepted++;
            } else {
                assertProblem(next, 401, "UNAUTHENTICATED");
            }
        }
        Timer fences = meters.get("identity.consistency.fence")
                .tag("outcome", "acknowledged")
                .timer();
        System.out.printf(
                "[two-instances] session revoked through A, next request to B: %d accepted of %d; "
                        + "A's DELETE /sessions/{id} p50 %.1f ms, p99 %.1f ms; A's fences acknowledged: %d, "
                        + "mean %.2f ms, max %.2f ms; timed out: %.0f%n",
                accepted,
                SESSION_TRIES,
                percentile(revokeMicros, 50),
                percentile(revokeMicros, 99),
                fences.count(),
                fences.mean(TimeUnit.MILLISECONDS),
                fences.max(TimeUnit.MILLISECONDS),
                meters.counter("identity.consistency.fence.timeouts").count());
        assertThat(accepted)
                .as("requests B accepted right after A answered the revocation")
                .isZero();
    }

    @Test
    void aRoleRevokedThroughAIsEnforcedByBOnTheNextRequest() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        String userId = platform.createUser(a, tenant, "auditing@example.com");
        String token = platform.login(a, tenant.slug(), "auditing@example.com", PlatformFixture.PASSWORD);
        List<Long> revokeMicros = new ArrayList<>();
        int allowed = 0;
        for (int i = 0; i < ROLE_TRIES; i++) {
            assertThat(a.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken())
                            .status())
                    .isEqualTo(200);
            assertThat(b.get("/api/v1/users", token).status())
                    .as("B while the role is held")
                    .isEqualTo(200);

            long started = System.nanoTime();
            assertThat(a.method("DELETE", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken())
                            .status())
                    .isEqualTo(200);
            revokeMicros.add((System.nanoTime() - started) / 1_000);
            Api.Response next = b.get("/api/v1/users", token);
            if (next.status() == 200) {
                allowed++;
            } else {
                assertProblem(next, 403, "FORBIDDEN");
            }
        }
        System.out.printf(
                "[two-instances] role revoked through A, next request to B needing it: %d allowed of %d; "
                        + "A's DELETE /users/{id}/roles/{role} p50 %.1f ms, p99 %.1f ms%n",
                allowed, ROLE_TRIES, percentile(revokeMicros, 50), percentile(revokeMicros, 99));
        assertThat(allowed)
                .as("requests B allowed right after A answered the role's revocation")
                .isZero();
    }

    @Test
    void withoutItsListenerBReadsTheDatabaseAndRefusesARevocationNobodyFencedThenCachesAgain() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        platform.createUser(a, tenant, "unfenced@example.com");
        Api.Response login =
                platform.loginForTokens(a, tenant.slug(), "unfenced@example.com", PlatformFixture.PASSWORD);
        String token = login.text("accessToken");
        String sessionId = login.text("sessionId");
        assertThat(b.get("/api/v1/users/me", token).status())
                .as("B caches the session")
                .isEqualTo(200);
        Lease leaseOfB = instanceB.getBean(Lease.class);
        MeterRegistry metersOfB = instanceB.getBean(MeterRegistry.class);
        double connections =
                metersOfB.counter("identity.consistency.listener.connections").count();

        MessageListenerContainer kafka = kafkaOfB();
        kafka.pause(); // no eviction through the stream either: only the lease protects B now
        try {
            await(kafka::isContainerPaused, Duration.ofSeconds(10), "B's Kafka consumer paused");
            int terminated = jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE application_name = :name")
                    .param("name", instanceB.getBean(Instance.class).applicationName())
                    .query(Integer.class)
                    .single();
            assertThat(terminated).as("B's listener connections").isEqualTo(1);
            await(() -> !leaseOfB.held(), Duration.ofSeconds(1), "B's listener noticing");

            // the command alone: no read-your-writes, no fence, B is not even connected to receive one
            commands.send(
                    new RevokeSession(sessionId, tenant.id(), RevocationReason.REVOKED), ErrorCode.SESSION_NOT_FOUND);
            await(
                    () -> jdbc.sql("SELECT status FROM sessions WHERE id = :id")
                            .param("id", sessionId)
                            .query(String.class)
                            .single()
                            .equals("REVOKED"),
                    Duration.ofSeconds(10),
                    "the read model");
            double uncachedBefore =
                    metersOfB.counter("identity.access.without.lease").count();
            assertThat(leaseOfB.held()).as("B still waiting to reconnect").isFalse();
            assertProblem(b.get("/api/v1/users/me", token), 401, "UNAUTHENTICATED");
            assertThat(metersOfB.counter("identity.access.without.lease").count())
                    .as("lookups that read PostgreSQL")
                    .isGreaterThan(uncachedBefore);
        } finally {
            kafka.resume();
        }

        await(leaseOfB::held, B_RECONNECT_BACKOFF.plusSeconds(10), "B reconnected");
        assertThat(metersOfB
                        .counter("identity.consistency.listener.connections")
                        .count())
                .isGreaterThan(connections);
        String fresh = platform.login(a, tenant.slug(), "unfenced@example.com", PlatformFixture.PASSWORD);
        assertThat(b.get("/api/v1/users/me", fresh).status()).isEqualTo(200);
        double uncached = metersOfB.counter("identity.access.without.lease").count();
        // B's resumed consumer may still evict the fresh session once for its own SessionStarted: wait for a
        // run of five requests that all hit the cache, which only a leased, caching instance gives
        await(
                () -> {
                    double hits = sessionCacheHits(metersOfB);
                    for (int i = 0; i < 5; i++) {
                        assertThat(b.get("/api/v1/users/me", fresh).status()).isEqualTo(200);
                    }
                    return sessionCacheHits(metersOfB) >= hits + 5;
                },
                Duration.ofSeconds(10),
                "five cache hits in a row on B");
        assertThat(metersOfB.counter("identity.access.without.lease").count()).isEqualTo(uncached);
    }

    /**
     * A session refreshed through A and B in turn is kept in memory by both, each catching up with what the
     * other appended, and is snapshotted as it ages: neither ever loads a stale one, every rotation works, a
     * token spent on the other instance is still caught as reuse.
     */
    @Test
    void aSessionRefreshedThroughBothInstancesIsCaughtUpOnEachAndNeverStale() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        platform.createUser(a, tenant, "snapshotted@example.com");
        Api.Response login =
                platform.loginForTokens(a, tenant.slug(), "snapshotted@example.com", PlatformFixture.PASSWORD);
        String sessionId = login.text("sessionId");
        List<String> spent = new ArrayList<>();
        String current = login.text("refreshToken");
        MeterRegistry metersOfB = instanceB.getBean(MeterRegistry.class);
        double keptByA = sessionsLoadedFromMemory(meters);
        double keptByB = sessionsLoadedFromMemory(metersOfB);
        for (int i = 0; i < REFRESHES; i++) {
            Api.Response refreshed =
                    (i % 2 == 0 ? b : a).post("/api/v1/auth/refresh", null, Map.of("refreshToken", current));
            assertThat(refreshed.status())
                    .as("refresh %d through %s", i, i % 2 == 0 ? "B" : "A")
                    .isEqualTo(200);
            spent.add(current);
            current = refreshed.text("refreshToken");
        }
        assertThat(sessionsLoadedFromMemory(meters) - keptByA)
                .as("A's loads from memory")
                .isGreaterThanOrEqualTo(REFRESHES / 2 - 1);
        assertThat(sessionsLoadedFromMemory(metersOfB) - keptByB)
                .as("B's loads from memory")
                .isGreaterThanOrEqualTo(REFRESHES / 2 - 1);
        List<Long> snapshots = jdbc.sql(
                        "SELECT sequence_number FROM snapshot_event_entry " + "WHERE aggregate_identifier = :id")
                .param("id", sessionId)
                .query(Long.class)
                .list();
        assertThat(snapshots)
                .as("one snapshot, taken late in the session's life")
                .hasSize(1)
                .allSatisfy(sequence -> assertThat(sequence).isGreaterThanOrEqualTo(REFRESHES - 50));

        assertProblem(
                b.post("/api/v1/auth/refresh", null, Map.of("refreshToken", spent.get(0))),
                401,
                "REFRESH_TOKEN_INVALID");
        assertProblem(
                a.post("/api/v1/auth/refresh", null, Map.of("refreshToken", spent.get(REFRESHES - 1))),
                401,
                "REFRESH_TOKEN_REUSED");
        assertProblem(b.post("/api/v1/auth/refresh", null, Map.of("refreshToken", current)), 401, "SESSION_REVOKED");
    }

    @Test
    void writesThroughBothInstancesAreProjectedExactlyOnce() {
        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        String adminOnB =
                platform.login(b, tenant.slug(), "admin@" + tenant.slug() + ".test", PlatformFixture.PASSWORD);
        for (int i = 0; i < 10; i++) {
            Api instance = i % 2 == 0 ? a : b;
            String token = i % 2 == 0 ? tenant.adminToken() : adminOnB;
            assertThat(instance.post(
                                    "/api/v1/users",
                                    token,
                                    Map.of(
                                            "email",
                                            "both" + i + "@example.com",
                                            "password",
                                            PlatformFixture.PASSWORD,
                                            "displayName",
                                            "Both " + i))
                            .status())
                    .isEqualTo(201);
        }
        long rows = jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        long counted = jdbc.sql("SELECT user_count FROM tenant_stats WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(11);
        assertThat(counted).isEqualTo(rows);
        assertThat(b.get("/api/v1/tenants/" + tenant.id(), adminOnB)
                        .body()
                        .path("userCount")
                        .asLong())
                .isEqualTo(11);
    }

    @Test
    void theInstancesShareTheSegmentsAndEachAppliesWhatTheOtherAppendsAtOnce() {
        await(this::segmentsShared, SHARING, "every segment processed by exactly one instance, some by each");
        Segment usersOfB =
                ownedSegments(instanceB).get(UserProjection.PROCESSING_GROUP).get(0);

        Api a = api();
        TestTenant tenant = platform.createTenant(a, false);
        for (int tries = 1; !usersOfB.matches(tenant.id()); tries++) {
            assertThat(tries)
                    .as("a tenant in B's segment of the user projection")
                    .isLessThan(30);
            tenant = platform.createTenant(a, false);
        }
        String userId = platform.createUser(a, tenant, "applied-by-b@example.com");
        double wokenBefore = wokenReaders(instanceB);
        List<Long> writeMicros = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean assign = i % 2 == 0;
            long started = System.nanoTime();
            Api.Response written = a.method(
                    assign ? "PUT" : "DELETE", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
            writeMicros.add((System.nanoTime() - started) / 1_000);
            assertThat(written.status()).as("write %d through A", i).isEqualTo(200);
            assertThat(written.body().path("roles").toString().contains("auditor"))
                    .as("write %d through A, applied by B, shows in A's answer", i)
                    .isEqualTo(assign);
        }
        double woken = wokenReaders(instanceB) - wokenBefore;
        System.out.printf(
                "[two-instances] writes through A applied by B: p50 %.1f ms, max %.1f ms; B's reader woken "
                        + "by notified appends %.0f times%n",
                percentile(writeMicros, 50), percentile(writeMicros, 100), woken);
        assertThat(woken)
                .as("B's event reader woken by A's notifications of its appends")
                .isGreaterThanOrEqualTo(10);
    }

    private static double wokenReaders(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class)
                .counter("identity.events.appended.notifications")
                .count();
    }

    /** Whether A and B between them process every segment once, and each some. */
    private boolean segmentsShared() {
        Map<String, List<Segment>> ofA = ownedSegments(instanceA);
        Map<String, List<Segment>> ofB = ownedSegments(instanceB);
        List<String> all =
                jdbc.sql("SELECT processor_name || ' ' || segment FROM token_entry").query(String.class).list().stream()
                        .filter(token -> ofA.containsKey(token.split(" ")[0]))
                        .sorted()
                        .toList();
        List<String> owned = Stream.concat(ofA.entrySet().stream(), ofB.entrySet().stream())
                .flatMap(entry ->
                        entry.getValue().stream().map(segment -> entry.getKey() + " " + segment.getSegmentId()))
                .sorted()
                .toList();
        boolean eachSome = ofA.values().stream().anyMatch(list -> !list.isEmpty())
                && ofB.values().stream().anyMatch(list -> !list.isEmpty());
        return eachSome
                && owned.equals(all)
                && !ofB.getOrDefault(UserProjection.PROCESSING_GROUP, List.of()).isEmpty();
    }

    private static Map<String, List<Segment>> ownedSegments(ApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class).eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> ((StreamingEventProcessor) entry.getValue())
                                .processingStatus().values().stream()
                                        .map(EventTrackerStatus::getSegment)
                                        .toList()));
    }

    private MessageListenerContainer kafkaOfB() {
        return instanceB.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("access-cache-invalidator");
    }

    private static double sessionCacheHits(MeterRegistry meters) {
        return meters.get("cache.gets")
                .tag("cache", "access.sessions")
                .tag("result", "hit")
                .functionCounter()
                .count();
    }

    private static double percentile(List<Long> micros, int percentile) {
        List<Long> sorted = micros.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1))
                / 1000.0;
    }

    private static double sessionsLoadedFromMemory(MeterRegistry registry) {
        return registry.get("identity.aggregate.loads")
                .tag("aggregate", "session")
                .tag("source", "memory")
                .counter()
                .count();
    }

    /** Checks at once, then every 5 ms: some limits here are tight. */
    private static void await(BooleanSupplier condition, Duration limit, String what) {
        // qualified: this method's name hides a static import of Awaitility's
        Awaitility.await()
                .atMost(limit)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .alias(what + " within " + limit)
                .until(condition::getAsBoolean);
    }
}
