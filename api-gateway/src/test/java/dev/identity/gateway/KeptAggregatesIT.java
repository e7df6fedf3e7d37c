package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.FailingInserts;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.RequestSql;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users and sessions stay in memory between their commands and are caught up with the store on each load
 * (ADR 0008). What another instance appends is covered by {@code TwoInstancesIT}; here, that the kept copy is
 * used, and that a command whose commit fails leaves no trace of itself in it.
 */
class KeptAggregatesIT extends IntegrationTest {

    private static final int REFRESHES = 20;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aSessionsRefreshesLoadItFromMemoryAndReadNoView() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "kept@example.com");
        String token = platform.loginForTokens(api, tenant.slug(), "kept@example.com", PlatformFixture.PASSWORD)
                .text("refreshToken");
        double fromMemory = loads("session", "memory");
        double fromStore = loads("session", "store");
        double[] statements = refreshStatements(api);
        for (int i = 0; i < REFRESHES; i++) {
            Api.Response refreshed = api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", token));
            assertThat(refreshed.status()).as("refresh %d", i).isEqualTo(200);
            token = refreshed.text("refreshToken");
        }
        // other tests' commands may run meanwhile, so at least these, and none of these from the store
        assertThat(loads("session", "memory") - fromMemory).isGreaterThanOrEqualTo(REFRESHES);
        assertThat(loads("session", "store") - fromStore).isLessThan(REFRESHES);
        double[] after = refreshStatements(api);
        assertThat(after[0] - statements[0]).as("refreshes counted").isEqualTo(REFRESHES);
        // the tenant's status, the session's newer events (none), the user's credential epoch, the append: no
        // snapshot, no view of the session (its owner is kept, and the wait for the projection reads none)
        assertThat((after[1] - statements[1]) / REFRESHES)
                .as("SQL statements per refresh")
                .isEqualTo(4.0);
    }

    /**
     * The role is applied to the kept user before the append fails; were that copy kept, the retry would find
     * the role there already and store nothing (assigning a held role is a no-op).
     */
    @Test
    void aCommandWhoseAppendFailsLeavesTheKeptUserAsStored() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "unlucky@example.com");
        String path = "/api/v1/users/" + userId + "/roles/auditor";
        Api.Response failed;
        try (FailingInserts ignored = FailingInserts.into(jdbc, "domain_event_entry", "aggregate_identifier", userId)) {
            failed = api.method("PUT", path, tenant.adminToken());
        }
        assertProblem(failed, 503, "DATABASE_UNAVAILABLE");

        Api.Response assigned = api.method("PUT", path, tenant.adminToken());
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.body().path("roles").toString()).contains("auditor");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%RoleAssigned'""").param("id", userId).query(Long.class).single()).isEqualTo(1L);
    }

    private double loads(String aggregate, String source) {
        return meters.get("identity.aggregate.loads")
                .tag("aggregate", aggregate)
                .tag("source", source)
                .counter()
                .count();
    }

    private static double[] refreshStatements(Api api) {
        return RequestSql.countAndSum(api, "POST", "/api/v1/auth/refresh");
    }
}
