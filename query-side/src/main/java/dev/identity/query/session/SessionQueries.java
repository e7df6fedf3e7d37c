package dev.identity.query.session;

import dev.identity.events.session.FetchSession;
import dev.identity.events.session.FetchUserSessions;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.session.SessionView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Expiry is computed when read: a session expires by the clock, not by an event. */
@Component
class SessionQueries {

    private static final String COLUMNS = "id, tenant_id, user_id, status, started_at, last_refreshed_at, "
            + "idle_expires_at, expires_at, revoked_at, revocation_reason, client_ip, user_agent, version";

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    SessionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<SessionView> handle(FetchSession query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE id = :id")
                .param("id", query.sessionId())
                .query(this::view)
                .optional();
    }

    @QueryHandler
    List<SessionView> handle(FetchUserSessions query) {
        String active = query.activeOnly() ? " AND status = 'ACTIVE' AND idle_expires_at > now()" : "";
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE tenant_id = :tenantId AND user_id = :userId"
                        + active + " ORDER BY started_at DESC")
                .param("tenantId", query.tenantId())
                .param("userId", query.userId())
                .query(this::view)
                .list();
    }

    private SessionView view(ResultSet rs, int row) throws SQLException {
        Instant idleExpiresAt = instant(rs, "idle_expires_at");
        SessionStatus status = SessionStatus.valueOf(rs.getString("status"));
        if (status == SessionStatus.ACTIVE && !clock.instant().isBefore(idleExpiresAt)) {
            status = SessionStatus.EXPIRED;
        }
        String reason = rs.getString("revocation_reason");
        return new SessionView(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("user_id"),
                status,
                instant(rs, "started_at"),
                instant(rs, "last_refreshed_at"),
                idleExpiresAt,
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                reason == null ? null : RevocationReason.valueOf(reason),
                rs.getString("client_ip"),
                rs.getString("user_agent"),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
