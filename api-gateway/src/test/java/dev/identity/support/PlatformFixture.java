package dev.identity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;

/** Builds the world a test needs through the public API: tenants, their admins and users, and tokens. */
@TestComponent
public class PlatformFixture {

    public static final String PASSWORD = "correct horse battery";

    private final String adminEmail;
    private final String adminPassword;
    private final String platformTenant;

    PlatformFixture(
            @Value("${identity.bootstrap.admin-email}") String adminEmail,
            @Value("${identity.bootstrap.admin-password}") String adminPassword,
            @Value("${identity.bootstrap.platform-tenant}") String platformTenant) {
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.platformTenant = platformTenant;
    }

    /** The platform admin's login body. */
    public Map<String, String> platformAdminCredentials() {
        return Map.of("tenant", platformTenant, "email", adminEmail, "password", adminPassword);
    }

    public String platformAdminToken(Api api) {
        return login(api, platformTenant, adminEmail, adminPassword);
    }

    /** A new tenant with a unique slug and its first admin. */
    public TestTenant createTenant(Api api, boolean selfRegistration) {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String adminEmail = "admin@" + slug + ".test";
        Api.Response created = api.post(
                "/api/v1/tenants",
                platformAdminToken(api),
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "Tenant " + slug,
                        "selfRegistration",
                        selfRegistration,
                        "admin",
                        Map.of("email", adminEmail, "password", PASSWORD, "displayName", "Admin of " + slug)));
        assertThat(created.status()).as("create tenant: %s", created).isEqualTo(201);
        String tenantId = created.body().path("tenant").path("id").asText();
        String adminId = created.body().path("admin").path("id").asText();
        return new TestTenant(tenantId, slug, adminId, login(api, slug, adminEmail, PASSWORD));
    }

    /** A member of the tenant, created by its admin; returns the new user's id. */
    public String createUser(Api api, TestTenant tenant, String email) {
        Api.Response created = api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of("email", email, "password", PASSWORD, "displayName", "User " + email));
        assertThat(created.status()).as("create user: %s", created).isEqualTo(201);
        return created.text("id");
    }

    public String login(Api api, String tenantSlug, String email, String password) {
        return loginForTokens(api, tenantSlug, email, password).text("accessToken");
    }

    /** The whole login answer: access token, refresh token and session id. */
    public Api.Response loginForTokens(Api api, String tenantSlug, String email, String password) {
        Api.Response response = api.post(
                "/api/v1/auth/login", null, Map.of("tenant", tenantSlug, "email", email, "password", password));
        assertThat(response.status()).as("login: %s", response).isEqualTo(200);
        return response;
    }

    /** A user holding the given role, logged in; returns their access token. */
    public String userWithRole(Api api, TestTenant tenant, String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String userId = createUser(api, tenant, email);
        if (!role.equals("member")) {
            Api.Response assigned =
                    api.method("PUT", "/api/v1/users/" + userId + "/roles/" + role, tenant.adminToken());
            assertThat(assigned.status()).as("assign %s: %s", role, assigned).isEqualTo(200);
        }
        return login(api, tenant.slug(), email, PASSWORD);
    }

    public record TestTenant(String id, String slug, String adminId, String adminToken) {}
}
