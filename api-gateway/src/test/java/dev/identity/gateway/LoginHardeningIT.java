package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Brute-force protection per account, with a bounded audit trail of failures and lockouts. */
class LoginHardeningIT extends IntegrationTest {

    private static final int ALLOWED_FAILURES = 5;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void tooManyFailuresLockTheAccountWithRetryAfterAndABoundedAuditTrail() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "target@example.com");

        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(login(api, tenant, "target@example.com", "wrong password " + i), 401, "INVALID_CREDENTIALS");
        }
        for (int i = 0; i < 3; i++) {
            Api.Response locked = login(api, tenant, "TARGET@example.com", "wrong again");
            assertProblem(locked, 429, "LOGIN_THROTTLED");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L);
        }
        assertProblem(login(api, tenant, "target@example.com", PlatformFixture.PASSWORD), 429, "LOGIN_THROTTLED");

        List<String> history = jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = :id
                        ORDER BY sequence_number""")
                .param("id", userId).query(String.class).list();
        assertThat(history).containsExactly("dev.identity.events.user.UserRegistered",
                "dev.identity.events.user.LoginFailed", "dev.identity.events.user.LoginFailed",
                "dev.identity.events.user.LoginFailed", "dev.identity.events.user.LoginFailed",
                "dev.identity.events.user.LoginFailed", "dev.identity.events.user.AccountLockedOut");
        String clientIp = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'clientIp' FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%LoginFailed' LIMIT 1""")
                .param("id", userId).query(String.class).single();
        assertThat(clientIp).isEqualTo("127.0.0.1");
    }

    @Test
    void lockingOneAccountLeavesOthersAlone() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "locked@example.com");
        platform.createUser(api, tenant, "fine@example.com");
        for (int i = 0; i <= ALLOWED_FAILURES; i++) {
            login(api, tenant, "locked@example.com", "wrong");
        }
        assertProblem(login(api, tenant, "locked@example.com", PlatformFixture.PASSWORD), 429, "LOGIN_THROTTLED");
        assertThat(login(api, tenant, "fine@example.com", PlatformFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownEmailsAreThrottledButLeaveNoEvents() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        long before = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        for (int i = 0; i < ALLOWED_FAILURES; i++) {
            assertProblem(login(api, tenant, "ghost@example.com", "whatever"), 401, "INVALID_CREDENTIALS");
        }
        assertProblem(login(api, tenant, "ghost@example.com", "whatever"), 429, "LOGIN_THROTTLED");
        long mine = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE global_index > :before
                          AND convert_from(payload, 'UTF8') LIKE '%ghost%'""")
                .param("before", before).query(Long.class).single();
        assertThat(mine).isZero();
    }

    private static Api.Response login(Api api, TestTenant tenant, String email, String password) {
        return api.post("/api/v1/auth/login", null, Map.of("tenant", tenant.slug(), "email", email,
                "password", password));
    }
}
