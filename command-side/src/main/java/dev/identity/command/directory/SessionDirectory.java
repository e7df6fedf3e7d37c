package dev.identity.command.directory;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.session.SessionRenewed;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sessions that stand, for the revocation policy. A session starts only if, locked for the rest of the
 * transaction, its account still has the credential epoch the password was checked against and the account
 * and tenant are active. A credential change, deactivation or suspension updates that row, so it waits for a
 * session being started, or the session waits for it and is refused: once such a change has committed, every
 * session it must end is either listed here or never starts.
 */
@Component
@ProcessingGroup(Directory.PROCESSING_GROUP)
public class SessionDirectory {

    private final JdbcClient jdbc;

    public SessionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionStarted event) {
        Standing standing = jdbc.sql("""
                        SELECT a.credential_epoch, a.status AS user_status, t.status AS tenant_status
                        FROM account_directory a JOIN tenant_directory t ON t.tenant_id = a.tenant_id
                        WHERE a.user_id = :userId AND a.tenant_id = :tenantId
                        FOR SHARE""")
                .param("userId", event.userId())
                .param("tenantId", event.tenantId())
                .query((rs, row) -> new Standing(
                        rs.getLong("credential_epoch"),
                        UserStatus.valueOf(rs.getString("user_status")),
                        TenantStatus.valueOf(rs.getString("tenant_status"))))
                .optional()
                .orElseThrow(() ->
                        new IdentityException(ErrorCode.USER_NOT_FOUND, "User " + event.userId() + " does not exist."));
        if (standing.tenantStatus() == TenantStatus.SUSPENDED) {
            throw new IdentityException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended.");
        }
        if (standing.userStatus() == UserStatus.DEACTIVATED) {
            throw new IdentityException(ErrorCode.USER_DEACTIVATED, "The account is deactivated.");
        }
        if (standing.credentialEpoch() != event.credentialEpoch()) {
            throw new IdentityException(
                    ErrorCode.INVALID_CREDENTIALS, "The account's credentials changed while logging in; log in again.");
        }
        jdbc.sql("""
                        INSERT INTO session_directory (session_id, tenant_id, user_id, credential_epoch, started_at, expires_at)
                        VALUES (:sessionId, :tenantId, :userId, :epoch, :startedAt, :expiresAt)
                        ON CONFLICT DO NOTHING""")
                .param("sessionId", event.sessionId())
                .param("tenantId", event.tenantId())
                .param("userId", event.userId())
                .param("epoch", event.credentialEpoch())
                .param("startedAt", Timestamp.from(event.startedAt()))
                .param("expiresAt", Timestamp.from(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(SessionRenewed event) {
        jdbc.sql(
                        "UPDATE session_directory SET credential_epoch = GREATEST(credential_epoch, :epoch) WHERE session_id = :id")
                .param("epoch", event.credentialEpoch())
                .param("id", event.sessionId())
                .update();
    }

    @EventHandler
    void on(SessionRevoked event) {
        jdbc.sql("DELETE FROM session_directory WHERE session_id = :id")
                .param("id", event.sessionId())
                .update();
    }

    /** The user's sessions that stand and were started on a credential epoch older than {@code epoch}. */
    public List<String> sessionsOfUserBefore(String tenantId, String userId, long epoch) {
        return jdbc.sql("""
                        SELECT session_id FROM session_directory
                        WHERE user_id = :userId AND tenant_id = :tenantId AND credential_epoch < :epoch
                          AND expires_at > now()""")
                .param("userId", userId)
                .param("tenantId", tenantId)
                .param("epoch", epoch)
                .query(String.class)
                .list();
    }

    /** The tenant's sessions that stand and were started before {@code instant}. */
    public List<String> sessionsOfTenantBefore(String tenantId, Instant instant) {
        return jdbc.sql("""
                        SELECT session_id FROM session_directory
                        WHERE tenant_id = :tenantId AND started_at <= :instant AND expires_at > now()""")
                .param("tenantId", tenantId)
                .param("instant", Timestamp.from(instant))
                .query(String.class)
                .list();
    }

    private record Standing(long credentialEpoch, UserStatus userStatus, TenantStatus tenantStatus) {}
}
