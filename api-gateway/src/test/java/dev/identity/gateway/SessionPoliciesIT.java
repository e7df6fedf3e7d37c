package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.IdentityApplication;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.session.StartSession;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command side ends sessions, and the credential epoch refuses them first: races of logins against a
 * password change or a deactivation, a crash between the triggering event and the revocations, a suspension.
 */
class SessionPoliciesIT extends IntegrationTest {

    private static final String POLICY = "session-revocation";
    private static final Duration POLICY_LIMIT = Duration.ofSeconds(20);
    private static final String NEW_PASSWORD = "an entirely new secret";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private CommandBus commandBus;

    /**
     * An attacker with the old password logs in every 20 ms while the owner changes it: no session they got,
     * however close to the change, is accepted or refreshed once the change has answered.
     */
    @Test
    void loginsWithTheOldPasswordAroundAChangeKeepNoSession() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String email = "target@example.com";
        platform.createUser(api, tenant, email);
        Api.Response owner = platform.loginForTokens(api, tenant.slug(), email, PlatformFixture.PASSWORD);

        LoginLoop attacker = new LoginLoop(api, tenant.slug(), email, PlatformFixture.PASSWORD);
        attacker.start();
        Thread.sleep(1000);
        Api.Response changed = api.post(
                "/api/v1/users/me/password",
                owner.text("accessToken"),
                Map.of("currentPassword", PlatformFixture.PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).isEqualTo(204);
        Thread.sleep(300);
        List<Api.Response> stolen = attacker.stop();

        System.out.printf(
                "[session-policies] %d logins with the old password around the change (%d attempts)%n",
                stolen.size(), attacker.attempts());
        assertThat(stolen).hasSizeGreaterThan(8);
        assertNoneWorks(api, stolen);
        assertThat(api.get("/api/v1/users/me", owner.text("accessToken")).status())
                .isEqualTo(200);
        await().atMost(POLICY_LIMIT)
                .untilAsserted(() -> assertThat(statuses(tenant, stolen)).containsOnly("REVOKED"));
    }

    /**
     * The race made certain: a login has checked the old password and is about to start its session when the
     * password changes. The session it then starts must not work (before the epoch, it did, for 30 days).
     */
    @Test
    void aLoginThatCheckedTheOldPasswordJustBeforeTheChangeGetsNoWorkingSession() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String email = "held@example.com";
        String userId = platform.createUser(api, tenant, email);
        Api.Response owner = platform.loginForTokens(api, tenant.slug(), email, PlatformFixture.PASSWORD);

        Api.Response late = loginHeldAcross(
                api,
                tenant,
                email,
                userId,
                () -> assertThat(api.post(
                                        "/api/v1/users/me/password",
                                        owner.text("accessToken"),
                                        Map.of(
                                                "currentPassword",
                                                PlatformFixture.PASSWORD,
                                                "newPassword",
                                                NEW_PASSWORD))
                                .status())
                        .isEqualTo(204));
        if (late.status() == 200) {
            assertNoneWorks(api, List.of(late));
        } else {
            assertProblem(late, 401, "INVALID_CREDENTIALS");
        }
    }

    /** The same for a deactivation: the late session is refused, and can be neither refreshed nor revived. */
    @Test
    void aLoginThatCheckedThePasswordJustBeforeADeactivationGetsNoWorkingSession() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String email = "held-leaver@example.com";
        String userId = platform.createUser(api, tenant, email);

        Api.Response late = loginHeldAcross(
                api,
                tenant,
                email,
                userId,
                () -> assertThat(api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null)
                                .status())
                        .isEqualTo(200));
        if (late.status() == 200) {
            assertNoneWorks(api, List.of(late));
            api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null);
            assertNoneWorks(api, List.of(late));
        } else {
            assertProblem(late, 403, "USER_DEACTIVATED");
        }
    }

    /** A login whose password check is done, held before its session starts while {@code change} runs. */
    private Api.Response loginHeldAcross(Api api, TestTenant tenant, String email, String userId, Runnable change)
            throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof StartSession start
                    && start.userId().equals(userId)) {
                held.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return chain.proceed();
        });
        CompletableFuture<Api.Response> login;
        try {
            login = CompletableFuture.supplyAsync(() -> api.post(
                    "/api/v1/auth/login",
                    null,
                    Map.of("tenant", tenant.slug(), "email", email, "password", PlatformFixture.PASSWORD)));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            change.run();
        } finally {
            release.countDown();
            hold.cancel();
        }
        return login.get(30, TimeUnit.SECONDS);
    }

    /** The same for a deactivation: a reactivation brings none of the sessions back. */
    @Test
    void loginsAroundADeactivationKeepNoSessionAfterTheReactivation() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String email = "leaver@example.com";
        String userId = platform.createUser(api, tenant, email);

        LoginLoop loop = new LoginLoop(api, tenant.slug(), email, PlatformFixture.PASSWORD);
        loop.start();
        Thread.sleep(1000);
        assertThat(api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null)
                        .status())
                .isEqualTo(200);
        Thread.sleep(300);
        List<Api.Response> before = loop.stop();
        assertThat(api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null)
                        .status())
                .isEqualTo(200);

        System.out.printf(
                "[session-policies] %d logins around the deactivation (%d attempts)%n", before.size(), loop.attempts());
        assertThat(before).hasSizeGreaterThan(8);
        assertNoneWorks(api, before);
        await().atMost(POLICY_LIMIT)
                .untilAsserted(() -> assertThat(statuses(tenant, before)).containsOnly("REVOKED"));
        assertThat(api.get("/api/v1/users/me", platform.login(api, tenant.slug(), email, PlatformFixture.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    /**
     * The instance running the policy dies while it sends the revocations (its context closed, the batch
     * in flight): nothing of it commits, the sessions are refused all the same, and the policy resumes from its
     * token on another instance and ends every one.
     */
    @Test
    void revocationsInterruptedByACrashAreAllMadeAfterTheRestart() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String email = "crash@example.com";
        String userId = platform.createUser(api, tenant, email);
        List<Api.Response> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(platform.loginForTokens(api, tenant.slug(), email, PlatformFixture.PASSWORD));
        }

        TrackingEventProcessor localPolicy =
                processing.eventProcessor(POLICY, TrackingEventProcessor.class).orElseThrow();
        try {
            // stopped first, so the other instance's policy claims the stream as it starts
            localPolicy.shutDown();
            ConfigurableApplicationContext doomed = startInstance();
            CountDownLatch blocked = new CountDownLatch(1);
            AtomicInteger revocationsSent = new AtomicInteger();
            doomed.getBean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof RevokeSession revoke
                        && revoke.tenantId().equals(tenant.id())
                        && revocationsSent.incrementAndGet() == 2) {
                    blocked.countDown();
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                }
                return chain.proceed();
            });
            try {
                assertThat(api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null)
                                .status())
                        .isEqualTo(200);
                assertThat(blocked.await(60, TimeUnit.SECONDS))
                        .as("the other instance's policy reached the revocations")
                        .isTrue();
            } finally {
                doomed.close();
            }

            assertThat(statuses(tenant, sessions))
                    .as("nothing of the interrupted batch committed")
                    .containsOnly("ACTIVE");
            assertNoneWorks(api, sessions);

            localPolicy.start();
            await().atMost(POLICY_LIMIT)
                    .untilAsserted(() -> assertThat(statuses(tenant, sessions)).containsOnly("REVOKED"));
            assertThat(reasons(tenant, sessions)).containsOnly("USER_DEACTIVATED");
        } finally {
            if (!localPolicy.isRunning()) {
                localPolicy.start();
            }
        }
    }

    @Test
    void suspensionEndsTheTenantsSessionsAndReactivationBringsNoneBack() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "one@example.com");
        platform.createUser(api, tenant, "two@example.com");
        List<Api.Response> sessions = List.of(
                platform.loginForTokens(api, tenant.slug(), "one@example.com", PlatformFixture.PASSWORD),
                platform.loginForTokens(api, tenant.slug(), "two@example.com", PlatformFixture.PASSWORD));
        String platformAdmin = platform.platformAdminToken(api);

        assertThat(api.post("/api/v1/tenants/" + tenant.id() + "/suspend", platformAdmin, null)
                        .status())
                .isEqualTo(200);
        assertNoneWorks(api, sessions);
        await().atMost(POLICY_LIMIT)
                .untilAsserted(() -> assertThat(statuses(tenant, sessions)).containsOnly("REVOKED"));

        assertThat(api.post("/api/v1/tenants/" + tenant.id() + "/reactivate", platformAdmin, null)
                        .status())
                .isEqualTo(200);
        assertNoneWorks(api, sessions);
        assertThat(reasons(tenant, sessions)).containsOnly("TENANT_SUSPENDED");
        assertThat(api.get(
                                "/api/v1/users/me",
                                platform.login(api, tenant.slug(), "one@example.com", PlatformFixture.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    private static void assertNoneWorks(Api api, List<Api.Response> sessions) {
        for (Api.Response session : sessions) {
            assertProblem(api.get("/api/v1/users/me", session.text("accessToken")), 401, "UNAUTHENTICATED");
            Api.Response refreshed =
                    api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", session.text("refreshToken")));
            assertThat(refreshed.status())
                    .as("refresh of %s: %s", session.text("sessionId"), refreshed)
                    .isIn(401, 403);
        }
    }

    private List<String> statuses(TestTenant tenant, List<Api.Response> sessions) {
        return column("status", tenant, sessions);
    }

    private List<String> reasons(TestTenant tenant, List<Api.Response> sessions) {
        return column("revocation_reason", tenant, sessions);
    }

    private List<String> column(String column, TestTenant tenant, List<Api.Response> sessions) {
        return jdbc.sql("SELECT " + column + " FROM sessions WHERE tenant_id = :tenantId AND id IN (:ids)")
                .param("tenantId", tenant.id())
                .param(
                        "ids",
                        sessions.stream()
                                .map(session -> session.text("sessionId"))
                                .toList())
                .query(String.class)
                .list();
    }

    private ConfigurableApplicationContext startInstance() {
        String[] arguments = Stream.concat(
                        Stream.of(sharedServices()), Stream.of("server.port=0", "identity.stream.publish=false"))
                .map(property -> "--" + property)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(IdentityApplication.class)
                .profiles("test")
                .run(arguments);
    }

    /** Logs in every 20 ms and keeps every session it gets. */
    private static final class LoginLoop {

        private final Api api;
        private final Map<String, String> credentials;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<Api.Response> sessions = new ArrayList<>();
        private CompletableFuture<Void> loop;

        LoginLoop(Api api, String tenant, String email, String password) {
            this.api = api;
            this.credentials = Map.of("tenant", tenant, "email", email, "password", password);
        }

        void start() {
            loop = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    attempts.incrementAndGet();
                    Api.Response response = api.post("/api/v1/auth/login", null, credentials);
                    if (response.status() == 200) {
                        synchronized (sessions) {
                            sessions.add(response);
                        }
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }

        List<Api.Response> stop() throws Exception {
            running.set(false);
            loop.get(30, TimeUnit.SECONDS);
            synchronized (sessions) {
                return List.copyOf(sessions);
            }
        }

        int attempts() {
            return attempts.get();
        }
    }
}
