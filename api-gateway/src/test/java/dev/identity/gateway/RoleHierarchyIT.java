package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Nobody acts on a user who outranks them, and no tenant is left without an admin. */
class RoleHierarchyIT extends IntegrationTest {

    @Test
    void aUserManagerCannotDisarmTheTenantAdmin() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String managerId = platform.createUser(api, tenant, "manager@example.com");
        assertThat(api.method("PUT", "/api/v1/users/" + managerId + "/roles/user-manager", tenant.adminToken())
                        .status())
                .isEqualTo(200);
        String manager = platform.login(api, tenant.slug(), "manager@example.com", PlatformFixture.PASSWORD);
        String adminSession = platform.loginForTokens(
                        api, tenant.slug(), "admin@" + tenant.slug() + ".test", PlatformFixture.PASSWORD)
                .text("sessionId");
        String admin = "/api/v1/users/" + tenant.adminId();

        assertProblem(api.post(admin + "/deactivate", manager, null), 403, "FORBIDDEN");
        assertProblem(api.method("DELETE", admin + "/roles/tenant-admin", manager), 403, "FORBIDDEN");
        assertProblem(api.method("DELETE", admin + "/sessions", manager), 403, "FORBIDDEN");
        assertProblem(api.method("DELETE", "/api/v1/sessions/" + adminSession, manager), 403, "FORBIDDEN");

        String secondAdmin = platform.createUser(api, tenant, "second-admin@example.com");
        api.method("PUT", "/api/v1/users/" + secondAdmin + "/roles/tenant-admin", tenant.adminToken());
        assertThat(api.post("/api/v1/users/" + secondAdmin + "/deactivate", tenant.adminToken(), null)
                        .status())
                .isEqualTo(200);
        assertProblem(api.post("/api/v1/users/" + secondAdmin + "/reactivate", manager, null), 403, "FORBIDDEN");

        String member = platform.createUser(api, tenant, "member@example.com");
        assertThat(api.post("/api/v1/users/" + member + "/deactivate", manager, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/users/" + member + "/reactivate", manager, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.get(admin, tenant.adminToken()).body().path("status").asText())
                .isEqualTo("ACTIVE");
    }

    /** A tenant's own role counts by its permissions: one holding roles:manage outranks a user manager. */
    @Test
    void aUserManagerCannotDisarmTheHolderOfACustomRoleWithMorePermissions() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String managerId = platform.createUser(api, tenant, "custom-manager@example.com");
        api.method("PUT", "/api/v1/users/" + managerId + "/roles/user-manager", tenant.adminToken());
        String manager = platform.login(api, tenant.slug(), "custom-manager@example.com", PlatformFixture.PASSWORD);
        assertThat(api.method(
                                "PUT",
                                "/api/v1/roles/role-keeper",
                                tenant.adminToken(),
                                Map.of("permissions", List.of("roles:manage")))
                        .status())
                .isEqualTo(201);
        String keeper = platform.createUser(api, tenant, "keeper@example.com");
        api.method("PUT", "/api/v1/users/" + keeper + "/roles/role-keeper", tenant.adminToken());

        assertProblem(api.post("/api/v1/users/" + keeper + "/deactivate", manager, null), 403, "FORBIDDEN");
        assertThat(api.method("DELETE", "/api/v1/users/" + keeper + "/roles/role-keeper", tenant.adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/users/" + keeper + "/deactivate", manager, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void thePlatformAdminRoleIsNeverRevokedAndThePlatformTenantNeverSuspended() {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        Api.Response me = api.get("/api/v1/users/me", platformAdmin);
        assertProblem(
                api.method("DELETE", "/api/v1/users/" + me.text("id") + "/roles/platform-admin", platformAdmin),
                409,
                "BUILT_IN_ROLE");
        assertProblem(
                api.post("/api/v1/tenants/" + me.text("tenantId") + "/suspend", platformAdmin, null),
                409,
                "PLATFORM_TENANT");
        assertThat(api.get("/api/v1/users/me", platform.platformAdminToken(api))
                        .body()
                        .path("roles")
                        .get(0)
                        .asText())
                .isEqualTo("platform-admin");
    }

    @Test
    void theLastAdminCanNeitherLeaveNorLoseTheRole() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String admin = "/api/v1/users/" + tenant.adminId();
        assertProblem(api.post(admin + "/deactivate", tenant.adminToken(), null), 409, "LAST_ADMIN");
        assertProblem(api.method("DELETE", admin + "/roles/tenant-admin", tenant.adminToken()), 409, "LAST_ADMIN");
        assertProblem(api.post(admin + "/deactivate", platform.platformAdminToken(api), null), 404, "USER_NOT_FOUND");
        assertThat(api.get(admin, tenant.adminToken()).body().path("status").asText())
                .isEqualTo("ACTIVE");
    }

    /** Two admins taking the role from each other at the same moment: one of them keeps it. */
    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOne() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String secondId = platform.createUser(api, tenant, "other-admin@example.com");
        api.method("PUT", "/api/v1/users/" + secondId + "/roles/tenant-admin", tenant.adminToken());
        String second = platform.login(api, tenant.slug(), "other-admin@example.com", PlatformFixture.PASSWORD);

        for (int round = 0; round < 5; round++) {
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> {
                await(start);
                return api.method("DELETE", "/api/v1/users/" + secondId + "/roles/tenant-admin", tenant.adminToken());
            });
            CompletableFuture<Api.Response> other = CompletableFuture.supplyAsync(() -> {
                await(start);
                return api.method("DELETE", "/api/v1/users/" + tenant.adminId() + "/roles/tenant-admin", second);
            });
            start.countDown();
            List<Integer> statuses = List.of(first.get().status(), other.get().status());
            // the loser is refused as the last admin (409) or, once the winner's change has reached its
            // access, for no longer holding the permission (403)
            assertThat(statuses)
                    .as("round %d", round)
                    .containsOnlyOnce(200)
                    .allSatisfy(status -> assertThat(status).isIn(200, 403, 409));
            String survivor = statuses.get(0) == 200 ? tenant.adminId() : secondId;
            String survivorToken = statuses.get(0) == 200 ? tenant.adminToken() : second;
            String loser = survivor.equals(secondId) ? tenant.adminId() : secondId;
            assertThat(api.method("PUT", "/api/v1/users/" + loser + "/roles/tenant-admin", survivorToken)
                            .status())
                    .isEqualTo(200);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
