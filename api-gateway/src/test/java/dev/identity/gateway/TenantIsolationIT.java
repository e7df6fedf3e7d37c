package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant in the token scopes every read and write: another tenant's ids answer 404, exactly like ids
 * that do not exist, on every endpoint that takes an id.
 */
class TenantIsolationIT extends IntegrationTest {

    private Api api;
    private TestTenant mine;
    private TestTenant theirs;
    private String theirUser;

    @BeforeEach
    void twoTenants() {
        api = api();
        mine = platform.createTenant(api, false);
        theirs = platform.createTenant(api, false);
        theirUser = platform.createUser(api, theirs, "theirs@example.com");
    }

    @Test
    void anotherTenantsUserIsNotFound() {
        assertNotFound(api.get("/api/v1/users/" + theirUser, mine.adminToken()), "USER_NOT_FOUND");
        assertNotFound(api.get("/api/v1/users/" + theirs.adminId(), mine.adminToken()), "USER_NOT_FOUND");
    }

    @Test
    void anotherTenantsUserCannotBeDeactivatedOrReactivated() {
        assertNotFound(
                api.post("/api/v1/users/" + theirUser + "/deactivate", mine.adminToken(), null), "USER_NOT_FOUND");
        assertNotFound(
                api.post("/api/v1/users/" + theirUser + "/reactivate", mine.adminToken(), null), "USER_NOT_FOUND");
        assertThat(api.get("/api/v1/users/" + theirUser, theirs.adminToken()).text("status"))
                .isEqualTo("ACTIVE");
    }

    @Test
    void anotherTenantIsNotFound() {
        assertNotFound(api.get("/api/v1/tenants/" + theirs.id(), mine.adminToken()), "TENANT_NOT_FOUND");
        assertThat(api.get("/api/v1/tenants/" + mine.id(), mine.adminToken()).status())
                .isEqualTo(200);
    }

    @Test
    void userListShowsOnlyTheCallersTenant() {
        Api.Response page = api.get("/api/v1/users?limit=100", mine.adminToken());
        assertThat(page.body().path("total").asLong()).isEqualTo(1);
        for (JsonNode item : page.body().path("items")) {
            assertThat(item.path("tenantId").asText()).isEqualTo(mine.id());
        }
    }

    @Test
    void createdUsersLandInTheCallersTenantOnly() {
        String created = platform.createUser(api, mine, "mine@example.com");
        assertThat(api.get("/api/v1/users/" + created, mine.adminToken()).text("tenantId"))
                .isEqualTo(mine.id());
        assertNotFound(api.get("/api/v1/users/" + created, theirs.adminToken()), "USER_NOT_FOUND");
    }

    @Test
    void tenantAdminCannotManageTenants() {
        assertThat(api.post("/api/v1/tenants/" + theirs.id() + "/suspend", mine.adminToken(), null)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/tenants/" + mine.id() + "/suspend", mine.adminToken(), null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void idsOfAnotherKindAreNotFound() {
        assertNotFound(
                api.post("/api/v1/users/" + mine.id() + "/deactivate", mine.adminToken(), null), "USER_NOT_FOUND");
        assertNotFound(
                api.post("/api/v1/tenants/" + mine.adminId() + "/suspend", platform.platformAdminToken(api), null),
                "TENANT_NOT_FOUND");
    }

    private static void assertNotFound(Api.Response response, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }
}
