package dev.identity.query.session;

import dev.identity.events.session.RefreshTokenRotated;
import dev.identity.events.session.SessionRenewed;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import dev.identity.query.system.ProjectionWrites;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** Idempotent: a row's version is the sequence number of the last event applied to it. No token hashes. */
@Component
@ProcessingGroup(SessionProjection.PROCESSING_GROUP)
public class SessionProjection {

    public static final String PROCESSING_GROUP = "sessions";

    private static final String START = """
            INSERT INTO sessions (id, tenant_id, user_id, status, started_at, last_refreshed_at, idle_expires_at,
                                  expires_at, client_ip, user_agent, credential_epoch, version)
            VALUES (:id, :tenantId, :userId, 'ACTIVE', :startedAt, :startedAt, :idleExpiresAt, :expiresAt, :clientIp,
                    :userAgent, :epoch, :version)
            ON CONFLICT (id) DO NOTHING""";
    private static final String ROTATE = """
            UPDATE sessions SET last_refreshed_at = :refreshedAt, idle_expires_at = :idleExpiresAt, version = :version
            WHERE id = :id AND version < :version""";
    private static final String RENEW = """
            UPDATE sessions SET credential_epoch = GREATEST(credential_epoch, :epoch), version = :version
            WHERE id = :id AND version < :version""";
    private static final String REVOKE = """
            UPDATE sessions SET status = 'REVOKED', revoked_at = :revokedAt, revocation_reason = :reason,
                                version = :version
            WHERE id = :id AND version < :version""";

    private final ProjectionWrites.Lane writes;

    SessionProjection(ProjectionWrites writes) {
        this.writes = writes.lane(PROCESSING_GROUP);
    }

    @EventHandler
    void on(SessionStarted event, @SequenceNumber long sequence) {
        writes.add(
                START,
                row(event.sessionId(), sequence)
                        .addValue("tenantId", event.tenantId())
                        .addValue("userId", event.userId())
                        .addValue("startedAt", Timestamp.from(event.startedAt()))
                        .addValue("idleExpiresAt", Timestamp.from(event.idleExpiresAt()))
                        .addValue("expiresAt", Timestamp.from(event.expiresAt()))
                        .addValue("clientIp", event.clientIp(), Types.VARCHAR)
                        .addValue("userAgent", event.userAgent(), Types.VARCHAR)
                        .addValue("epoch", event.credentialEpoch()));
    }

    @EventHandler
    void on(SessionRenewed event, @SequenceNumber long sequence) {
        writes.add(RENEW, row(event.sessionId(), sequence).addValue("epoch", event.credentialEpoch()));
    }

    @EventHandler
    void on(RefreshTokenRotated event, @SequenceNumber long sequence) {
        writes.add(
                ROTATE,
                row(event.sessionId(), sequence)
                        .addValue("refreshedAt", Timestamp.from(event.refreshedAt()))
                        .addValue("idleExpiresAt", Timestamp.from(event.idleExpiresAt())));
    }

    @EventHandler
    void on(
            SessionRevoked event,
            @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant occurredAt) {
        writes.add(
                REVOKE,
                row(event.sessionId(), sequence)
                        .addValue("revokedAt", Timestamp.from(occurredAt))
                        .addValue("reason", event.reason().name()));
    }

    private static MapSqlParameterSource row(String sessionId, long sequence) {
        return new MapSqlParameterSource().addValue("id", sessionId).addValue("version", sequence);
    }
}
