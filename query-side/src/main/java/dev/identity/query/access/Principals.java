package dev.identity.query.access;

import dev.identity.events.session.SessionStatus;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserView;
import dev.identity.query.user.UserRows;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The three parts of a principal, each one primary-key lookup: the session, the user, the tenant with
 * its custom roles. Kept apart so that each can be cached and evicted on its own events.
 */
@Component
public class Principals {

    private final JdbcClient jdbc;

    Principals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SessionRecord> session(String sessionId) {
        return jdbc.sql("""
                        SELECT id, tenant_id, user_id, status, credential_epoch, idle_expires_at, expires_at, version
                        FROM sessions WHERE id = :id""")
                .param("id", sessionId)
                .query((rs, row) -> new SessionRecord(
                        rs.getString("id"),
                        rs.getString("tenant_id"),
                        rs.getString("user_id"),
                        SessionStatus.valueOf(rs.getString("status")),
                        rs.getLong("credential_epoch"),
                        rs.getTimestamp("idle_expires_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getLong("version")))
                .optional();
    }

    public Optional<UserView> user(String userId) {
        return jdbc.sql("SELECT " + UserRows.COLUMNS + " FROM users WHERE id = :id")
                .param("id", userId)
                .query(UserRows::view)
                .optional();
    }

    public Optional<TenantAccess> tenant(String tenantId) {
        return jdbc.sql("""
                        SELECT t.status, t.version, r.role, r.permissions
                        FROM tenants t LEFT JOIN tenant_roles r ON r.tenant_id = t.id
                        WHERE t.id = :id""").param("id", tenantId).query(rs -> {
            TenantStatus status = null;
            long version = 0;
            Map<String, Set<String>> roles = new HashMap<>();
            while (rs.next()) {
                status = TenantStatus.valueOf(rs.getString("status"));
                version = rs.getLong("version");
                if (rs.getString("role") != null) {
                    roles.put(rs.getString("role"), Set.of((String[])
                            rs.getArray("permissions").getArray()));
                }
            }
            return status == null
                    ? Optional.<TenantAccess>empty()
                    : Optional.of(new TenantAccess(tenantId, status, roles, version));
        });
    }
}
