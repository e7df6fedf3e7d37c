package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.gateway.token.SigningKey;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import io.jsonwebtoken.Jwts;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every failure is an RFC 9457 problem with a stable code and a message that says what is wrong. */
class ErrorResponsesIT extends IntegrationTest {

    @Autowired
    private SigningKey signingKey;

    @Test
    void invalidFieldsAreNamed() {
        Api api = api();
        Api.Response response = api.post(
                "/api/v1/tenants",
                platform.platformAdminToken(api),
                Map.of(
                        "slug",
                        "Not A Slug",
                        "name",
                        " ",
                        "admin",
                        Map.of("email", "not-an-email", "password", "short", "displayName", "")));
        assertProblem(response, 400, "VALIDATION_FAILED");
        List<String> fields = response.body().path("errors").findValuesAsText("field");
        assertThat(fields)
                .containsExactlyInAnyOrder("slug", "name", "admin.email", "admin.password", "admin.displayName");
    }

    @Test
    void overlongPasswordIsRejectedBeforeBcryptWouldTruncateIt() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        Api.Response response = api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of("email", "long@example.com", "password", "ü".repeat(40), "displayName", "Long"));
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("password");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Api api = api();
        assertProblem(api.postRaw("/api/v1/auth/login", null, "{\"tenant\": "), 400, "MALFORMED_REQUEST");
        assertProblem(api.postRaw("/api/v1/auth/login", null, "[1, 2]"), 400, "MALFORMED_REQUEST");
        assertProblem(api.postRaw("/api/v1/auth/login", null, ""), 400, "MALFORMED_REQUEST");
    }

    @Test
    void badPaginationParametersAreNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=!!!", "cursor=bm9wZQ")) {
            Api.Response response = api.get("/api/v1/users?" + query, tenant.adminToken());
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.body().path("errors").findValuesAsText("field"))
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void duplicatesConflict() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "dup@example.com");
        assertProblem(
                api.post(
                        "/api/v1/users",
                        tenant.adminToken(),
                        Map.of(
                                "email",
                                " DUP@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Dup")),
                409,
                "EMAIL_TAKEN");
        assertProblem(
                api.post(
                        "/api/v1/tenants",
                        platform.platformAdminToken(api),
                        Map.of(
                                "slug",
                                tenant.slug(),
                                "name",
                                "Again",
                                "admin",
                                Map.of(
                                        "email",
                                        "a@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "A"))),
                409,
                "TENANT_SLUG_TAKEN");
    }

    @Test
    void unknownIdsAreNotFound() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String unknown = UUID.randomUUID().toString();
        assertProblem(api.get("/api/v1/users/" + unknown, tenant.adminToken()), 404, "USER_NOT_FOUND");
        assertProblem(
                api.post("/api/v1/users/" + unknown + "/deactivate", tenant.adminToken(), null), 404, "USER_NOT_FOUND");
        String platformAdmin = platform.platformAdminToken(api);
        assertProblem(api.get("/api/v1/tenants/" + unknown, platformAdmin), 404, "TENANT_NOT_FOUND");
        assertProblem(
                api.post("/api/v1/tenants/" + unknown + "/suspend", platformAdmin, null), 404, "TENANT_NOT_FOUND");
        assertProblem(api.get("/api/v1/no-such-endpoint", tenant.adminToken()), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsAProblemToo() {
        Api api = api();
        assertProblem(
                api.method("DELETE", "/api/v1/users/me", platform.platformAdminToken(api)), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void missingInvalidAndExpiredTokensAreUnauthorized() {
        Api api = api();
        assertProblem(api.get("/api/v1/users/me", null), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/api/v1/users/me", "not.a.jwt"), 401, "UNAUTHENTICATED");

        String forged = Jwts.builder()
                .header()
                .keyId(signingKey.privateJwk().getId())
                .and()
                .subject("someone")
                .claim("tid", "t")
                .claim("sid", "s")
                .issuer("identity")
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(Jwts.SIG.RS256.keyPair().build().getPrivate())
                .compact();
        Api.Response forgedResponse = api.get("/api/v1/users/me", forged);
        assertProblem(forgedResponse, 401, "UNAUTHENTICATED");
        assertThat(forgedResponse.text("detail")).isEqualTo("The access token is invalid.");
        String unknownKey = Jwts.builder()
                .subject("someone")
                .claim("tid", "t")
                .claim("sid", "s")
                .issuer("identity")
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(Jwts.SIG.RS256.keyPair().build().getPrivate())
                .compact();
        assertThat(api.get("/api/v1/users/me", unknownKey).text("detail"))
                .isEqualTo("The access token is signed with an unknown key.");
        assertThat(forgedResponse.header("WWW-Authenticate")).isEqualTo("Bearer");

        Instant past = Instant.now().minusSeconds(3600);
        String expired = Jwts.builder()
                .header()
                .keyId(signingKey.privateJwk().getId())
                .and()
                .subject("someone")
                .claim("tid", "t")
                .claim("roles", List.of("member"))
                .issuer("identity")
                .issuedAt(Date.from(past))
                .expiration(Date.from(past.plusSeconds(60)))
                .signWith(signingKey.privateJwk().toKey(), Jwts.SIG.RS256)
                .compact();
        Api.Response expiredResponse = api.get("/api/v1/users/me", expired);
        assertProblem(expiredResponse, 401, "UNAUTHENTICATED");
        assertThat(expiredResponse.text("detail")).isEqualTo("The access token has expired.");
    }

    @Test
    void wrongCredentialsAreUnauthorizedWithTheSameAnswerWhateverWasWrong() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String adminEmail = "admin@" + tenant.slug() + ".test";
        Api.Response wrongPassword = api.post(
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant.slug(), "email", adminEmail, "password", "wrong password"));
        Api.Response unknownEmail = api.post(
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant.slug(), "email", "nobody@example.com", "password", "wrong password"));
        Api.Response unknownTenant = api.post(
                "/api/v1/auth/login",
                null,
                Map.of("tenant", "no-such-tenant", "email", adminEmail, "password", "wrong password"));
        for (Api.Response response : List.of(wrongPassword, unknownEmail, unknownTenant)) {
            assertProblem(response, 401, "INVALID_CREDENTIALS");
            assertThat(response.text("detail")).isEqualTo(wrongPassword.text("detail"));
        }
    }

    @Test
    void missingPermissionIsForbidden() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "member@example.com");
        String member = platform.login(api, tenant.slug(), "member@example.com", PlatformFixture.PASSWORD);
        assertProblem(api.get("/api/v1/users", member), 403, "FORBIDDEN");
        assertProblem(
                api.post(
                        "/api/v1/users",
                        member,
                        Map.of("email", "x@example.com", "password", PlatformFixture.PASSWORD, "displayName", "X")),
                403,
                "FORBIDDEN");
        assertProblem(api.post("/api/v1/users/" + tenant.adminId() + "/deactivate", member, null), 403, "FORBIDDEN");
        assertProblem(api.get("/api/v1/users/" + tenant.adminId(), member), 403, "FORBIDDEN");
        assertProblem(
                api.post(
                        "/api/v1/tenants",
                        member,
                        Map.of(
                                "slug",
                                "not-allowed",
                                "name",
                                "No",
                                "admin",
                                Map.of(
                                        "email",
                                        "a@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "A"))),
                403,
                "FORBIDDEN");
        assertThat(api.get("/api/v1/users/me", member).status()).isEqualTo(200);
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.text("type")).startsWith("urn:identity:problem:");
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
