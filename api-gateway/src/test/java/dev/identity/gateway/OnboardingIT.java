package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.FailingInserts;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Creating a tenant is one command: the tenant and its first admin are stored together, or neither is. */
class OnboardingIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    /**
     * The admin's registration fails for a technical reason after the tenant was applied in the same unit of
     * work (a statement cancelled while writing the admin's directory row): nothing of the tenant remains, the
     * answer is a retryable 503, and the retry with the same slug succeeds.
     */
    @Test
    void aTechnicalFailureOfTheAdminLeavesNoTenantBehind() {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        String slug = "onboard-" + UUID.randomUUID().toString().substring(0, 8);
        String doomedEmail = "doomed-" + slug + "@example.com";
        Api.Response failed;
        try (FailingInserts ignored = FailingInserts.into(jdbc, "account_directory", "email", doomedEmail)) {
            failed = api.post("/api/v1/tenants", platformAdmin, tenant(slug, doomedEmail));
        }

        assertProblem(failed, 503, "DATABASE_UNAVAILABLE");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_directory WHERE slug = :slug")
                        .param("slug", slug)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE position(convert_to(:slug, 'UTF8') IN payload) > 0""").param("slug", slug).query(Long.class).single())
                .as("no event of the tenant is stored")
                .isZero();

        String adminEmail = "admin-" + slug + "@example.com";
        Api.Response created = api.post("/api/v1/tenants", platformAdmin, tenant(slug, adminEmail));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("admin").path("roles").get(0).asText()).isEqualTo("tenant-admin");
        assertThat(api.get("/api/v1/users/me", platform.login(api, slug, adminEmail, PlatformFixture.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    /** Both parts of the one command are validated together: a bad admin creates no tenant either. */
    @Test
    void aTenantWhoseAdminCannotExistIsNotCreated() {
        Api api = api();
        String slug = "onboard-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response refused = api.post(
                "/api/v1/tenants",
                platform.platformAdminToken(api),
                Map.of(
                        "slug",
                        slug,
                        "name",
                        "No admin",
                        "admin",
                        Map.of(
                                "email",
                                "not-an-email",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Nobody")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_directory WHERE slug = :slug")
                        .param("slug", slug)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static Map<String, Object> tenant(String slug, String adminEmail) {
        return Map.of(
                "slug",
                slug,
                "name",
                "Tenant " + slug,
                "admin",
                Map.of("email", adminEmail, "password", PlatformFixture.PASSWORD, "displayName", "Admin"));
    }
}
