package dev.identity.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.events.user.Registration;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import dev.identity.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Redelivered and replayed events must not change the read model a second time. */
class UserProjectionIT extends IntegrationTest {

    @Autowired
    private UserProjection projection;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void redeliveredEventsAreAppliedOnce() {
        String tenant = "projection-test-" + UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        UserRegistered registered = new UserRegistered(
                user, tenant, "p@example.com", "{bcrypt}x", "P", Set.of("member"), Registration.ADMIN);
        try {
            Instant at = Instant.parse("2026-01-01T00:00:00Z");

            applied(() -> projection.on(registered, 0, at));
            applied(() -> projection.on(registered, 0, at));
            assertThat(stats(tenant)).containsEntry("user_count", 1L).containsEntry("active_user_count", 1L);

            applied(() -> projection.on(new UserDeactivated(user, tenant, 1), 1));
            applied(() -> projection.on(new UserDeactivated(user, tenant, 1), 1));
            assertThat(stats(tenant)).containsEntry("user_count", 1L).containsEntry("active_user_count", 0L);

            applied(() -> projection.on(new UserReactivated(user, tenant), 2));
            applied(() -> projection.on(new UserDeactivated(user, tenant, 1), 1));
            applied(() -> projection.on(new UserReactivated(user, tenant), 2));
            assertThat(stats(tenant)).containsEntry("user_count", 1L).containsEntry("active_user_count", 1L);
            assertThat(jdbc.sql("SELECT status FROM users WHERE id = :id")
                            .param("id", user)
                            .query(String.class)
                            .single())
                    .isEqualTo("ACTIVE");
        } finally {
            // these rows have no events behind them: a rebuild (ReplayIT) would rightly not bring them back
            jdbc.sql("DELETE FROM users WHERE tenant_id = :tenant")
                    .param("tenant", tenant)
                    .update();
            jdbc.sql("DELETE FROM tenant_stats WHERE tenant_id = :tenant")
                    .param("tenant", tenant)
                    .update();
        }
    }

    /** As a processor applies an event: in a unit of work, whose commit sends the projection's writes. */
    private static void applied(Runnable handler) {
        DefaultUnitOfWork.startAndGet(null).execute(handler);
    }

    private Map<String, Object> stats(String tenant) {
        return jdbc.sql("SELECT user_count, active_user_count FROM tenant_stats WHERE tenant_id = :tenant")
                .param("tenant", tenant)
                .query()
                .singleRow();
    }
}
