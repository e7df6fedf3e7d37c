package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The life of a tenant and its users through the public API, as a client sees it. */
class TenantAndUserFlowIT extends IntegrationTest {

    @Test
    void tenantAdminCreatesUsersWhoLogInAndAreListedWithCounts() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);

        String userId = platform.createUser(api, tenant, "Grace@Example.com");
        String userToken = platform.login(api, tenant.slug(), "  grace@EXAMPLE.com ", PlatformFixture.PASSWORD);

        Api.Response me = api.get("/api/v1/users/me", userToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo("Grace@Example.com");
        assertThat(me.body().path("roles").toString()).isEqualTo("[\"member\"]");
        assertThat(me.body().has("passwordHash")).isFalse();

        Api.Response tenantView = api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken());
        assertThat(tenantView.body().path("userCount").asLong()).isEqualTo(2);
        assertThat(tenantView.body().path("activeUserCount").asLong()).isEqualTo(2);
    }

    @Test
    void platformAdminAddsATenantAdminWhoManagesTheTenant() {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);

        Api.Response added = api.post(
                "/api/v1/tenants/" + tenant.id() + "/admins",
                platformAdmin,
                Map.of(
                        "email",
                        "second-admin@example.com",
                        "password",
                        PlatformFixture.PASSWORD,
                        "displayName",
                        "Second Admin"));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo("/api/v1/users/" + added.text("id"));
        assertThat(added.text("tenantId")).isEqualTo(tenant.id());
        assertThat(added.body().path("roles").toString()).isEqualTo("[\"tenant-admin\"]");
        assertThat(added.body().has("password")).isFalse();

        String secondAdmin = platform.login(api, tenant.slug(), "second-admin@example.com", PlatformFixture.PASSWORD);
        assertThat(api.get("/api/v1/users", secondAdmin).body().path("total").asLong())
                .isEqualTo(2);
        assertThat(api.post(
                                "/api/v1/users",
                                secondAdmin,
                                Map.of(
                                        "email",
                                        "hired@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "Hired"))
                        .status())
                .isEqualTo(201);

        ErrorResponsesIT.assertProblem(
                api.post(
                        "/api/v1/tenants/" + tenant.id() + "/admins",
                        platformAdmin,
                        Map.of(
                                "email",
                                "second-admin@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Again")),
                409,
                "EMAIL_TAKEN");
        ErrorResponsesIT.assertProblem(
                api.post(
                        "/api/v1/tenants/no-such-tenant/admins",
                        platformAdmin,
                        Map.of(
                                "email",
                                "nobody@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "No")),
                404,
                "TENANT_NOT_FOUND");
        Api.Response invalid = api.post(
                "/api/v1/tenants/" + tenant.id() + "/admins",
                platformAdmin,
                Map.of("email", "not-an-email", "password", PlatformFixture.PASSWORD, "displayName", "Bad"));
        ErrorResponsesIT.assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(invalid.body().toString()).contains("email");
    }

    @Test
    void userListIsPagedByCursorWithTotalFromTenantStatistics() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        for (int i = 0; i < 4; i++) {
            platform.createUser(api, tenant, "user" + i + "@example.com");
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page =
                    api.get("/api/v1/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), tenant.adminToken());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("total").asLong()).isEqualTo(5);
            for (JsonNode item : page.body().path("items")) {
                seen.add(item.path("email").asText());
            }
            cursor = page.text("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactly(
                        "admin@" + tenant.slug() + ".test",
                        "user0@example.com",
                        "user1@example.com",
                        "user2@example.com",
                        "user3@example.com");
    }

    @Test
    void deactivatedUserCannotLogInUntilReactivated() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "leaver@example.com");

        Api.Response deactivated = api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.text("status")).isEqualTo("DEACTIVATED");
        assertThat(api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken())
                        .body()
                        .path("activeUserCount")
                        .asLong())
                .isEqualTo(1);

        Api.Response refused = login(api, tenant.slug(), "leaver@example.com");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("USER_DEACTIVATED");

        Api.Response reactivated = api.post("/api/v1/users/" + userId + "/reactivate", tenant.adminToken(), null);
        assertThat(reactivated.text("status")).isEqualTo("ACTIVE");
        assertThat(login(api, tenant.slug(), "leaver@example.com").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken())
                        .body()
                        .path("activeUserCount")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void suspendedTenantRefusesLoginsAndChangesUntilReactivated() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);

        Api.Response suspended = api.post("/api/v1/tenants/" + tenant.id() + "/suspend", platformAdmin, null);
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");

        Api.Response refusedLogin = login(api, tenant.slug(), "admin@" + tenant.slug() + ".test");
        assertThat(refusedLogin.status()).isEqualTo(403);
        assertThat(refusedLogin.text("code")).isEqualTo("TENANT_SUSPENDED");
        Api.Response refusedToken = api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of("email", "late@example.com", "password", PlatformFixture.PASSWORD, "displayName", "Late"));
        assertThat(refusedToken.status()).isEqualTo(401);
        assertThat(refusedToken.text("detail")).isEqualTo("The access token is no longer valid.");

        assertThat(api.post("/api/v1/tenants/" + tenant.id() + "/reactivate", platformAdmin, null)
                        .text("status"))
                .isEqualTo("ACTIVE");
        assertThat(login(api, tenant.slug(), "admin@" + tenant.slug() + ".test").status())
                .isEqualTo(200);
    }

    @Test
    void selfRegistrationWorksOnlyWhereTheTenantAllowsIt() {
        Api api = api();
        TestTenant open = platform.createTenant(api, true);
        TestTenant closed = platform.createTenant(api, false);

        Api.Response registered = api.post(
                "/api/v1/auth/register",
                null,
                Map.of(
                        "tenant",
                        open.slug(),
                        "email",
                        "self@example.com",
                        "password",
                        PlatformFixture.PASSWORD,
                        "displayName",
                        "Self"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/users/" + registered.text("id"));
        assertThat(login(api, open.slug(), "self@example.com").status()).isEqualTo(200);
    }

    @Test
    void selfRegistrationIntoAnUnknownClosedOrSuspendedTenantGetsOneAnswerNamingNone() {
        Api api = api();
        TestTenant closed = platform.createTenant(api, false);
        TestTenant suspended = platform.createTenant(api, true);
        assertThat(api.post("/api/v1/tenants/" + suspended.id() + "/suspend", platform.platformAdminToken(api), null)
                        .status())
                .isEqualTo(200);
        String unknown = "t-unknown-" + UUID.randomUUID().toString().substring(0, 8);

        List<Api.Response> answers = new ArrayList<>();
        for (String slug : List.of(unknown, closed.slug(), suspended.slug())) {
            Api.Response answer = api.post(
                    "/api/v1/auth/register",
                    null,
                    Map.of(
                            "tenant",
                            slug,
                            "email",
                            "self@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            "Self"));
            System.out.printf("[registration-refused] %s%n", answer);
            assertThat(answer.raw())
                    .as("names no tenant")
                    .doesNotContain(slug)
                    .doesNotContain(closed.id())
                    .doesNotContain(suspended.id());
            answers.add(answer);
        }
        assertThat(answers).extracting(Api.Response::status).containsOnly(403);
        assertThat(answers).extracting(answer -> answer.text("code")).containsOnly("SELF_REGISTRATION_DISABLED");
        assertThat(answers)
                .extracting(answer -> answer.text("detail"))
                .containsOnly(answers.get(0).text("detail"));
        assertThat(answers)
                .extracting(answer -> answer.text("type"))
                .containsOnly(answers.get(0).text("type"));
    }

    @Test
    void everyWriteIsVisibleToTheWritersNextRead() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        for (int i = 0; i < 20; i++) {
            Api.Response created = api.post(
                    "/api/v1/users",
                    tenant.adminToken(),
                    Map.of(
                            "email",
                            "ryw" + i + "@example.com",
                            "password",
                            PlatformFixture.PASSWORD,
                            "displayName",
                            "RYW " + i));
            assertThat(created.status()).isEqualTo(201);
            String id = created.text("id");

            assertThat(api.get("/api/v1/users/" + id, tenant.adminToken()).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken())
                            .body()
                            .path("userCount")
                            .asLong())
                    .isEqualTo(i + 2);
            api.post("/api/v1/users/" + id + "/deactivate", tenant.adminToken(), null);
            assertThat(api.get("/api/v1/users/" + id, tenant.adminToken()).text("status"))
                    .isEqualTo("DEACTIVATED");
        }
    }

    private static Api.Response login(Api api, String tenant, String email) {
        return api.post(
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant, "email", email, "password", PlatformFixture.PASSWORD));
    }
}
