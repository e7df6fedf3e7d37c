package dev.identity.query.user;

import dev.identity.events.common.EmailAddress;
import dev.identity.events.user.AccountLockedOut;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.LoginFailed;
import dev.identity.events.user.PasswordChangeFailed;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.PasswordRehashed;
import dev.identity.events.user.RoleAssigned;
import dev.identity.events.user.RoleRevoked;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import dev.identity.query.system.ProjectionWrites;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Idempotent: a user row's version is the sequence number of the last event applied to it, and the
 * statistics move only when a row actually changed, so a redelivered event changes nothing. Each event is
 * one statement (the statistics follow the row change in the same statement), so a batch of events is
 * written as one JDBC batch.
 */
@Component
@ProcessingGroup(UserProjection.PROCESSING_GROUP)
public class UserProjection {

    public static final String PROCESSING_GROUP = "users";

    private static final String REGISTER = """
            WITH inserted AS (
                INSERT INTO users (id, tenant_id, email, email_normalized, display_name, status, roles, created_at,
                                   version)
                VALUES (:id, :tenantId, :email, :emailNormalized, :displayName, 'ACTIVE', string_to_array(:roles, ','),
                        :createdAt, :version)
                ON CONFLICT (id) DO NOTHING
                RETURNING tenant_id)
            INSERT INTO tenant_stats (tenant_id, user_count, active_user_count)
            SELECT tenant_id, 1, 1 FROM inserted
            ON CONFLICT (tenant_id) DO UPDATE
            SET user_count = tenant_stats.user_count + 1, active_user_count = tenant_stats.active_user_count + 1""";
    private static final String SET_STATUS = """
            WITH changed AS (
                UPDATE users SET status = :status, credential_epoch = GREATEST(credential_epoch, :epoch),
                                 version = :version
                WHERE id = :id AND version < :version AND status <> :status
                RETURNING tenant_id)
            UPDATE tenant_stats SET active_user_count = active_user_count + :activeUsers
            WHERE tenant_id IN (SELECT tenant_id FROM changed)""";
    private static final String ASSIGN_ROLE =
            "UPDATE users SET roles = array_append(roles, :role), version = :version WHERE id = :id AND version < :version";
    private static final String REVOKE_ROLE =
            "UPDATE users SET roles = array_remove(roles, :role), version = :version WHERE id = :id AND version < :version";
    private static final String ADVANCE = "UPDATE users SET version = :version WHERE id = :id AND version < :version";
    private static final String ADVANCE_EPOCH = """
            UPDATE users SET credential_epoch = GREATEST(credential_epoch, :epoch), version = :version
            WHERE id = :id AND version < :version""";

    private final ProjectionWrites.Lane writes;

    UserProjection(ProjectionWrites writes) {
        this.writes = writes.lane(PROCESSING_GROUP);
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        writes.add(
                REGISTER,
                new MapSqlParameterSource()
                        .addValue("id", event.userId())
                        .addValue("tenantId", event.tenantId())
                        .addValue("email", event.email())
                        .addValue("emailNormalized", EmailAddress.normalize(event.email()))
                        .addValue("displayName", event.displayName())
                        .addValue("roles", String.join(",", event.roles()))
                        .addValue("createdAt", java.sql.Timestamp.from(occurredAt))
                        .addValue("version", sequence));
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long sequence) {
        setStatus(event.userId(), "DEACTIVATED", -1, event.credentialEpoch(), sequence);
    }

    @EventHandler
    void on(UserReactivated event, @SequenceNumber long sequence) {
        setStatus(event.userId(), "ACTIVE", 1, 0, sequence);
    }

    @EventHandler
    void on(RoleAssigned event, @SequenceNumber long sequence) {
        writes.add(ASSIGN_ROLE, row(event.userId(), sequence).addValue("role", event.role()));
    }

    @EventHandler
    void on(RoleRevoked event, @SequenceNumber long sequence) {
        writes.add(REVOKE_ROLE, row(event.userId(), sequence).addValue("role", event.role()));
    }

    @EventHandler
    void on(PasswordChanged event, @SequenceNumber long sequence) {
        writes.add(ADVANCE_EPOCH, row(event.userId(), sequence).addValue("epoch", event.credentialEpoch()));
    }

    @EventHandler
    void on(AllSessionsEnded event, @SequenceNumber long sequence) {
        writes.add(ADVANCE_EPOCH, row(event.userId(), sequence).addValue("epoch", event.credentialEpoch()));
    }

    /*
     * The next four change nothing shown here, but a row's version must follow every event of its user:
     * writes wait for the version of the user's latest event.
     */
    @EventHandler
    void on(LoginFailed event, @SequenceNumber long sequence) {
        writes.add(ADVANCE, row(event.userId(), sequence));
    }

    @EventHandler
    void on(AccountLockedOut event, @SequenceNumber long sequence) {
        writes.add(ADVANCE, row(event.userId(), sequence));
    }

    @EventHandler
    void on(PasswordChangeFailed event, @SequenceNumber long sequence) {
        writes.add(ADVANCE, row(event.userId(), sequence));
    }

    @EventHandler
    void on(PasswordRehashed event, @SequenceNumber long sequence) {
        writes.add(ADVANCE, row(event.userId(), sequence));
    }

    private void setStatus(String userId, String status, int activeUsers, long epoch, long sequence) {
        writes.add(
                SET_STATUS,
                row(userId, sequence)
                        .addValue("status", status)
                        .addValue("activeUsers", activeUsers)
                        .addValue("epoch", epoch));
    }

    private static MapSqlParameterSource row(String userId, long sequence) {
        return new MapSqlParameterSource().addValue("id", userId).addValue("version", sequence);
    }
}
