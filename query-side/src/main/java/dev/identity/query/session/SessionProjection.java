package dev.identity.query.session;

import dev.identity.events.session.RefreshTokenRotated;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Idempotent: a row's version is the sequence number of the last event applied to it. No token hashes. */
@Component
@ProcessingGroup(SessionProjection.PROCESSING_GROUP)
public class SessionProjection {

    public static final String PROCESSING_GROUP = "sessions";

    private final JdbcClient jdbc;

    SessionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionStarted event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO sessions (id, tenant_id, user_id, status, started_at, last_refreshed_at,
                                              idle_expires_at, expires_at, client_ip, user_agent, version)
                        VALUES (:id, :tenantId, :userId, 'ACTIVE', :startedAt, :startedAt, :idleExpiresAt,
                                :expiresAt, :clientIp, :userAgent, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", event.sessionId())
                .param("tenantId", event.tenantId())
                .param("userId", event.userId())
                .param("startedAt", Timestamp.from(event.startedAt()))
                .param("idleExpiresAt", Timestamp.from(event.idleExpiresAt()))
                .param("expiresAt", Timestamp.from(event.expiresAt()))
                .param("clientIp", event.clientIp())
                .param("userAgent", event.userAgent())
                .param("version", sequence)
                .update();
    }

    @EventHandler
    void on(RefreshTokenRotated event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        UPDATE sessions SET last_refreshed_at = :refreshedAt, idle_expires_at = :idleExpiresAt,
                                            version = :version
                        WHERE id = :id AND version < :version""")
                .param("refreshedAt", Timestamp.from(event.refreshedAt()))
                .param("idleExpiresAt", Timestamp.from(event.idleExpiresAt()))
                .param("version", sequence)
                .param("id", event.sessionId())
                .update();
    }

    @EventHandler
    void on(SessionRevoked event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant occurredAt) {
        jdbc.sql("""
                        UPDATE sessions SET status = 'REVOKED', revoked_at = :revokedAt, revocation_reason = :reason,
                                            version = :version
                        WHERE id = :id AND version < :version""")
                .param("revokedAt", Timestamp.from(occurredAt))
                .param("reason", event.reason().name())
                .param("version", sequence)
                .param("id", event.sessionId())
                .update();
    }
}
