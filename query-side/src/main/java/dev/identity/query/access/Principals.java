package dev.identity.query.access;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.Permission;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads a principal in one statement: the session, its user, their tenant, and the permissions of their
 * custom roles.
 * Built-in roles resolve in memory. A role that no longer exists grants nothing.
 */
@Component
public class Principals {

    private final JdbcClient jdbc;

    Principals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The session's user, if the session belongs to that user and tenant. */
    public Optional<Principal> find(String tenantId, String userId, String sessionId) {
        return jdbc.sql("""
                        SELECT u.status AS user_status, u.roles, t.status AS tenant_status, s.status AS session_status,
                               ARRAY(SELECT DISTINCT unnest(r.permissions) FROM tenant_roles r
                                     WHERE r.tenant_id = u.tenant_id AND r.role = ANY (u.roles)) AS custom_permissions
                        FROM sessions s
                        JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
                        JOIN tenants t ON t.id = u.tenant_id
                        WHERE s.id = :sessionId AND u.id = :userId AND u.tenant_id = :tenantId""")
                .param("sessionId", sessionId)
                .param("userId", userId)
                .param("tenantId", tenantId)
                .query((rs, row) -> new Principal(userId, tenantId, sessionId,
                        UserStatus.valueOf(rs.getString("user_status")),
                        TenantStatus.valueOf(rs.getString("tenant_status")),
                        SessionStatus.valueOf(rs.getString("session_status")),
                        permissions((String[]) rs.getArray("roles").getArray(),
                                (String[]) rs.getArray("custom_permissions").getArray())))
                .optional();
    }

    private static Set<Permission> permissions(String[] roles, String[] customPermissions) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(roles).flatMap(role -> BuiltInRole.byName(role).stream())
                .forEach(role -> permissions.addAll(role.permissions()));
        Arrays.stream(customPermissions).flatMap(key -> Permission.byKey(key).stream())
                .filter(permission -> permission != Permission.TENANTS_MANAGE)
                .forEach(permissions::add);
        return permissions;
    }
}
