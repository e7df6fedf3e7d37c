package dev.identity.query.user;

import dev.identity.events.common.EmailAddress;
import dev.identity.events.user.AccountLockedOut;
import dev.identity.events.user.LoginFailed;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.RoleAssigned;
import dev.identity.events.user.RoleRevoked;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Idempotent: a user row's version is the sequence number of the last event applied to it, and the
 * statistics move only when a row actually changed, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(UserProjection.PROCESSING_GROUP)
public class UserProjection {

    public static final String PROCESSING_GROUP = "users";

    private final JdbcClient jdbc;

    UserProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        int inserted = jdbc.sql("""
                        INSERT INTO users (id, tenant_id, email, email_normalized, display_name, status, roles,
                                           created_at, version)
                        VALUES (:id, :tenantId, :email, :emailNormalized, :displayName, 'ACTIVE',
                                string_to_array(:roles, ','), :createdAt, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", event.userId())
                .param("tenantId", event.tenantId())
                .param("email", event.email())
                .param("emailNormalized", EmailAddress.normalize(event.email()))
                .param("displayName", event.displayName())
                .param("roles", String.join(",", event.roles()))
                .param("createdAt", java.sql.Timestamp.from(occurredAt))
                .param("version", sequence)
                .update();
        if (inserted == 1) {
            changeCounts(event.tenantId(), 1, 1);
        }
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long sequence) {
        if (setStatus(event.userId(), "DEACTIVATED", sequence)) {
            changeCounts(event.tenantId(), 0, -1);
        }
    }

    @EventHandler
    void on(UserReactivated event, @SequenceNumber long sequence) {
        if (setStatus(event.userId(), "ACTIVE", sequence)) {
            changeCounts(event.tenantId(), 0, 1);
        }
    }

    @EventHandler
    void on(RoleAssigned event, @SequenceNumber long sequence) {
        changeRoles("array_append(roles, :role)", event.userId(), event.role(), sequence);
    }

    @EventHandler
    void on(RoleRevoked event, @SequenceNumber long sequence) {
        changeRoles("array_remove(roles, :role)", event.userId(), event.role(), sequence);
    }

    /*
     * The next three change nothing shown here, but a row's version must follow every event of its user:
     * writes wait for the version of the user's latest event.
     */
    @EventHandler
    void on(PasswordChanged event, @SequenceNumber long sequence) {
        advance(event.userId(), sequence);
    }

    @EventHandler
    void on(LoginFailed event, @SequenceNumber long sequence) {
        advance(event.userId(), sequence);
    }

    @EventHandler
    void on(AccountLockedOut event, @SequenceNumber long sequence) {
        advance(event.userId(), sequence);
    }

    private void advance(String userId, long sequence) {
        jdbc.sql("UPDATE users SET version = :version WHERE id = :id AND version < :version")
                .param("version", sequence)
                .param("id", userId)
                .update();
    }

    private void changeRoles(String newRoles, String userId, String role, long sequence) {
        jdbc.sql("UPDATE users SET roles = " + newRoles + ", version = :version WHERE id = :id AND version < :version")
                .param("role", role)
                .param("version", sequence)
                .param("id", userId)
                .update();
    }

    private boolean setStatus(String userId, String status, long sequence) {
        return jdbc.sql("""
                        UPDATE users SET status = :status, version = :version
                        WHERE id = :id AND version < :version AND status <> :status""")
                .param("status", status)
                .param("version", sequence)
                .param("id", userId)
                .update() == 1;
    }

    private void changeCounts(String tenantId, int users, int activeUsers) {
        jdbc.sql("""
                        INSERT INTO tenant_stats (tenant_id, user_count, active_user_count)
                        VALUES (:tenantId, :users, :activeUsers)
                        ON CONFLICT (tenant_id) DO UPDATE
                        SET user_count = tenant_stats.user_count + EXCLUDED.user_count,
                            active_user_count = tenant_stats.active_user_count + EXCLUDED.active_user_count""")
                .param("tenantId", tenantId)
                .param("users", users)
                .param("activeUsers", activeUsers)
                .update();
    }
}
