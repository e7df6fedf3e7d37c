package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.events.session.StartSession;
import dev.identity.gateway.token.AccessTokens;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sessions end to end: login, rotation, reuse detection, logout and every kind of revocation. */
class SessionFlowIT extends IntegrationTest {

    /** How long the command side's revocation policy may take to record the ends; it usually takes milliseconds. */
    private static final Duration POLICY_LIMIT = Duration.ofSeconds(10);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private AccessTokens accessTokens;

    private Api api;
    private TestTenant tenant;
    private String userId;
    private String email;

    @BeforeEach
    void aUser() {
        api = api();
        tenant = platform.createTenant(api, false);
        email = "session-user@example.com";
        userId = platform.createUser(api, tenant, email);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeSession() {
        Api.Response login = login();
        String firstRefresh = login.text("refreshToken");
        assertThat(firstRefresh).startsWith(login.text("sessionId") + ".");

        Api.Response refreshed = refresh(firstRefresh);
        assertThat(refreshed.status()).isEqualTo(200);
        String secondAccess = refreshed.text("accessToken");
        assertThat(refreshed.text("refreshToken")).isNotEqualTo(firstRefresh);
        assertThat(api.get("/api/v1/users/me", secondAccess).status()).isEqualTo(200);

        assertProblem(refresh(firstRefresh), 401, "REFRESH_TOKEN_REUSED");

        assertProblem(api.get("/api/v1/users/me", secondAccess), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/api/v1/users/me", login.text("accessToken")), 401, "UNAUTHENTICATED");
        assertProblem(refresh(refreshed.text("refreshToken")), 401, "SESSION_REVOKED");
        JsonNode session = onlySession();
        assertThat(session.path("status").asText()).isEqualTo("REVOKED");
        assertThat(session.path("revocationReason").asText()).isEqualTo("REFRESH_TOKEN_REUSE");
    }

    @Test
    void concurrentRefreshesOfOneTokenLetExactlyOneWin() throws Exception {
        String refreshToken = login().text("refreshToken");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return refresh(refreshToken).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        Api.Response login = login();
        String access = login.text("accessToken");
        assertThat(api.post("/api/v1/auth/logout", access, null).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/users/me", access), 401, "UNAUTHENTICATED");
        assertProblem(refresh(login.text("refreshToken")), 401, "SESSION_REVOKED");
        assertThat(onlySession().path("revocationReason").asText()).isEqualTo("LOGOUT");
    }

    @Test
    void sessionsAreListedWithoutTokenMaterialAndEndedOneByOneOrAllAtOnce() {
        Api.Response first = login();
        Api.Response second = login();
        Api.Response third = login();

        Api.Response list = api.get("/api/v1/users/" + userId + "/sessions", first.text("accessToken"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(3);
        assertThat(list.raw())
                .doesNotContain(first.text("refreshToken"))
                .doesNotContain("Hash")
                .doesNotContain(first.text("accessToken"));

        Api.Response revoked =
                api.method("DELETE", "/api/v1/sessions/" + second.text("sessionId"), first.text("accessToken"));
        assertThat(revoked.status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/users/me", second.text("accessToken")), 401, "UNAUTHENTICATED");
        assertThat(api.get("/api/v1/users/me", third.text("accessToken")).status())
                .isEqualTo(200);

        assertThat(api.method("DELETE", "/api/v1/users/" + userId + "/sessions", tenant.adminToken())
                        .status())
                .isEqualTo(204);
        assertProblem(api.get("/api/v1/users/me", first.text("accessToken")), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/api/v1/users/me", third.text("accessToken")), 401, "UNAUTHENTICATED");
        assertProblem(refresh(third.text("refreshToken")), 401, "SESSION_REVOKED");
        await().atMost(POLICY_LIMIT)
                .untilAsserted(() -> assertThat(api.get("/api/v1/users/" + userId + "/sessions", tenant.adminToken())
                                .body()
                                .findValuesAsText("revocationReason"))
                        .containsExactlyInAnyOrder("REVOKED", "REVOKED", "REVOKED"));
        assertThat(api.get("/api/v1/users/me", login().text("accessToken")).status())
                .isEqualTo(200);
    }

    @Test
    void aMemberCannotEndSomeoneElsesSessionNorSeeTheirSessions() {
        String otherSession = platform.loginForTokens(
                        api, tenant.slug(), "admin@" + tenant.slug() + ".test", PlatformFixture.PASSWORD)
                .text("sessionId");
        String member = login().text("accessToken");
        assertProblem(api.method("DELETE", "/api/v1/sessions/" + otherSession, member), 403, "FORBIDDEN");
        assertProblem(api.get("/api/v1/users/" + tenant.adminId() + "/sessions", member), 403, "FORBIDDEN");
        assertProblem(
                api.method("DELETE", "/api/v1/users/" + tenant.adminId() + "/sessions", member), 403, "FORBIDDEN");
    }

    @Test
    void deactivationEndsEverySessionOfTheUserForGood() {
        Api.Response login = login();
        api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);
        assertProblem(api.get("/api/v1/users/me", login.text("accessToken")), 401, "UNAUTHENTICATED");
        await().atMost(POLICY_LIMIT)
                .untilAsserted(
                        () -> assertThat(onlySession().path("revocationReason").asText())
                                .isEqualTo("USER_DEACTIVATED"));

        assertThat(api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null)
                        .status())
                .isEqualTo(200);
        assertProblem(api.get("/api/v1/users/me", login.text("accessToken")), 401, "UNAUTHENTICATED");
        assertProblem(refresh(login.text("refreshToken")), 401, "SESSION_REVOKED");
    }

    @Test
    void passwordChangeKeepsTheCallersSessionAndEndsTheOthers() {
        Api.Response kept = login();
        Api.Response other = login();
        Api.Response wrong = api.post(
                "/api/v1/users/me/password",
                kept.text("accessToken"),
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new secret"));
        assertProblem(wrong, 400, "VALIDATION_FAILED");

        Api.Response changed = api.post(
                "/api/v1/users/me/password",
                kept.text("accessToken"),
                Map.of("currentPassword", PlatformFixture.PASSWORD, "newPassword", "a brand new secret"));
        assertThat(changed.status()).isEqualTo(204);

        assertThat(api.get("/api/v1/users/me", kept.text("accessToken")).status())
                .isEqualTo(200);
        assertProblem(api.get("/api/v1/users/me", other.text("accessToken")), 401, "UNAUTHENTICATED");
        assertProblem(refresh(other.text("refreshToken")), 401, "SESSION_REVOKED");
        assertThat(refresh(kept.text("refreshToken")).status()).isEqualTo(200);
        await().atMost(POLICY_LIMIT)
                .untilAsserted(() -> assertThat(api.get("/api/v1/users/" + userId + "/sessions", tenant.adminToken())
                                .body()
                                .findValuesAsText("revocationReason"))
                        .containsExactlyInAnyOrder("PASSWORD_CHANGED", "null"));
        assertProblem(
                api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant.slug(), "email", email, "password", PlatformFixture.PASSWORD)),
                401,
                "INVALID_CREDENTIALS");
        assertThat(platform.login(api, tenant.slug(), email, "a brand new secret"))
                .isNotBlank();
    }

    /** Expiry is checked on every request, not only at refresh: a session past it is refused at once. */
    @Test
    void aSessionPastItsExpiryIsRefusedOnTheNextRequest() throws Exception {
        Instant now = Instant.now();
        String idle = UUID.randomUUID().toString();
        String absolute = UUID.randomUUID().toString();
        commands.sendAndWait(new StartSession(
                idle, tenant.id(), userId, "idle-hash", 2, now, now.plus(Duration.ofDays(1)), null, null, 0));
        commands.sendAndWait(new StartSession(
                absolute, tenant.id(), userId, "absolute-hash", 3600, now, now.plusSeconds(2), null, null, 0));
        String idleToken = accessTokens.issue(userId, tenant.id(), idle).accessToken();
        String absoluteToken = accessTokens.issue(userId, tenant.id(), absolute).accessToken();
        await().atMost(POLICY_LIMIT)
                .until(() -> api.get("/api/v1/users/me", idleToken).status() == 200
                        && api.get("/api/v1/users/me", absoluteToken).status() == 200);

        Thread.sleep(Duration.between(Instant.now(), now.plusMillis(2100)).toMillis());
        assertProblem(api.get("/api/v1/users/me", idleToken), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/api/v1/users/me", absoluteToken), 401, "UNAUTHENTICATED");
    }

    @Test
    void refreshTokensNeverReachTheEventStoreOrReadModel() {
        String refreshToken = login().text("refreshToken");
        long leaks = jdbc.sql("""
                        SELECT (SELECT count(*) FROM domain_event_entry
                                WHERE position(:token IN convert_from(payload, 'UTF8')) > 0)
                             + (SELECT count(*) FROM sessions WHERE position(:token IN row(sessions.*)::text) > 0)""")
                .param("token", refreshToken.substring(refreshToken.indexOf('.') + 1))
                .query(Long.class)
                .single();
        assertThat(leaks).isZero();
    }

    @Test
    void malformedAndUnknownRefreshTokensAreRefused() {
        assertProblem(refresh("nonsense"), 401, "REFRESH_TOKEN_INVALID");
        String sessionId = login().text("sessionId");
        assertProblem(
                refresh(sessionId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "REFRESH_TOKEN_INVALID");
        assertThat(onlySession().path("status").asText()).isEqualTo("ACTIVE");
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of()), 400, "VALIDATION_FAILED");
    }

    private Api.Response login() {
        return platform.loginForTokens(api, tenant.slug(), email, PlatformFixture.PASSWORD);
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private JsonNode onlySession() {
        JsonNode sessions = api.get("/api/v1/users/" + userId + "/sessions", tenant.adminToken())
                .body();
        assertThat(sessions).hasSize(1);
        return sessions.get(0);
    }
}
