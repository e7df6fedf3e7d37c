package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles and permissions: changes apply on the very next request, whatever the access token says. */
class RolesIT extends IntegrationTest {

    private Api api;
    private TestTenant tenant;

    @BeforeEach
    void aTenant() {
        api = api();
        tenant = platform.createTenant(api, false);
    }

    @Test
    void customRoleGrantsItsPermissionsFromTheNextRequestUntilRevoked() {
        String memberId = platform.createUser(api, tenant, "reader@example.com");
        String member = platform.login(api, tenant.slug(), "reader@example.com", PlatformFixture.PASSWORD);
        assertProblem(api.get("/api/v1/users", member), 403, "FORBIDDEN");

        Api.Response defined = api.method(
                "PUT",
                "/api/v1/roles/directory-reader",
                tenant.adminToken(),
                Map.of("permissions", List.of("users:read", "tenant:read")));
        assertThat(defined.status()).as("%s", defined).isEqualTo(201);
        assertThat(defined.body().path("builtIn").asBoolean()).isFalse();

        assertThat(assign(memberId, "directory-reader").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users", member).status()).isEqualTo(200);

        assertThat(api.method("DELETE", "/api/v1/users/" + memberId + "/roles/directory-reader", tenant.adminToken())
                        .status())
                .isEqualTo(200);
        assertProblem(api.get("/api/v1/users", member), 403, "FORBIDDEN");
    }

    @Test
    void changingARolesPermissionsAppliesToItsHoldersAtOnce() {
        String memberId = platform.createUser(api, tenant, "holder@example.com");
        String member = platform.login(api, tenant.slug(), "holder@example.com", PlatformFixture.PASSWORD);
        api.method("PUT", "/api/v1/roles/helper", tenant.adminToken(), Map.of("permissions", List.of("tenant:read")));
        assign(memberId, "helper");
        assertProblem(api.get("/api/v1/users", member), 403, "FORBIDDEN");

        Api.Response changed = api.method(
                "PUT",
                "/api/v1/roles/helper",
                tenant.adminToken(),
                Map.of("permissions", List.of("tenant:read", "users:read")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users", member).status()).isEqualTo(200);
    }

    @Test
    void assigningOrRevokingTwiceChangesNothing() {
        String memberId = platform.createUser(api, tenant, "twice@example.com");
        assertThat(assign(memberId, "auditor").body().path("roles").toString()).contains("auditor");
        assertThat(assign(memberId, "auditor").body().path("version").asLong()).isEqualTo(1);
        String path = "/api/v1/users/" + memberId + "/roles/auditor";
        assertThat(api.method("DELETE", path, tenant.adminToken())
                        .body()
                        .path("version")
                        .asLong())
                .isEqualTo(2);
        assertThat(api.method("DELETE", path, tenant.adminToken())
                        .body()
                        .path("version")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aRoleStillAssignedCannotBeDeleted() {
        String memberId = platform.createUser(api, tenant, "busy@example.com");
        api.method("PUT", "/api/v1/roles/temp", tenant.adminToken(), Map.of("permissions", List.of()));
        assign(memberId, "temp");
        assertProblem(api.method("DELETE", "/api/v1/roles/temp", tenant.adminToken()), 409, "ROLE_IN_USE");
        api.method("DELETE", "/api/v1/users/" + memberId + "/roles/temp", tenant.adminToken());
        assertThat(api.method("DELETE", "/api/v1/roles/temp", tenant.adminToken())
                        .status())
                .isEqualTo(204);
        assertProblem(assign(memberId, "temp"), 404, "ROLE_NOT_FOUND");
        assertThat(api.get("/api/v1/roles", tenant.adminToken()).raw()).doesNotContain("\"temp\"");
    }

    @Test
    void nobodyGrantsWhatTheyDoNotHold() {
        String manager = platform.userWithRole(api, tenant, "user-manager");
        String targetId = platform.createUser(api, tenant, "target@example.com");
        assertProblem(
                api.method("PUT", "/api/v1/users/" + targetId + "/roles/tenant-admin", manager), 403, "FORBIDDEN");
        assertProblem(api.method("PUT", "/api/v1/users/" + targetId + "/roles/auditor", manager), 403, "FORBIDDEN");
        assertThat(api.method("PUT", "/api/v1/users/" + targetId + "/roles/user-manager", manager)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void catalogueRulesAreEnforced() {
        String targetId = platform.createUser(api, tenant, "rules@example.com");
        assertProblem(assign(targetId, "platform-admin"), 404, "ROLE_NOT_FOUND");
        assertProblem(assign(targetId, "no-such-role"), 404, "ROLE_NOT_FOUND");
        assertProblem(
                api.method("PUT", "/api/v1/roles/tenant-admin", tenant.adminToken(), Map.of("permissions", List.of())),
                409,
                "BUILT_IN_ROLE");
        assertProblem(
                api.method(
                        "PUT",
                        "/api/v1/roles/sneaky",
                        tenant.adminToken(),
                        Map.of("permissions", List.of("tenants:manage"))),
                403,
                "FORBIDDEN");
        assertProblem(
                api.method(
                        "PUT", "/api/v1/roles/typo", tenant.adminToken(), Map.of("permissions", List.of("users:reed"))),
                400,
                "INVALID_PERMISSION");
        assertProblem(
                api.method("PUT", "/api/v1/roles/Bad_Name", tenant.adminToken(), Map.of("permissions", List.of())),
                400,
                "VALIDATION_FAILED");
        assertProblem(api.method("DELETE", "/api/v1/roles/member", tenant.adminToken()), 409, "BUILT_IN_ROLE");
        assertProblem(api.method("DELETE", "/api/v1/roles/never-defined", tenant.adminToken()), 404, "ROLE_NOT_FOUND");
    }

    @Test
    void catalogueListsBuiltInAndCustomRoles() {
        api.method("PUT", "/api/v1/roles/support", tenant.adminToken(), Map.of("permissions", List.of("users:read")));
        List<String> names =
                api.get("/api/v1/roles", tenant.adminToken()).body().findValuesAsText("name");
        assertThat(names).containsExactly("tenant-admin", "user-manager", "auditor", "member", "support");
    }

    private Api.Response assign(String userId, String role) {
        return api.method("PUT", "/api/v1/users/" + userId + "/roles/" + role, tenant.adminToken());
    }
}
