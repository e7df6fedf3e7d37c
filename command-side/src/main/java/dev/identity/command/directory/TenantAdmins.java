package dev.identity.command.directory;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A tenant always keeps an active admin (a tenant admin, or a platform admin in the platform tenant). The
 * check takes a transaction-level lock of the tenant first, so two admins removing each other at once are
 * serialized and the second sees the first's change: one of them is refused.
 */
@Component
class TenantAdmins {

    private static final String ADMIN_ROLES =
            "{" + BuiltInRole.TENANT_ADMIN.roleName() + "," + BuiltInRole.PLATFORM_ADMIN.roleName() + "}";

    private final JdbcClient jdbc;

    TenantAdmins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean isAdminRole(String role) {
        return role.equals(BuiltInRole.TENANT_ADMIN.roleName()) || role.equals(BuiltInRole.PLATFORM_ADMIN.roleName());
    }

    boolean isAdmin(String userId) {
        return jdbc.sql("SELECT roles && CAST(:admin AS text[]) FROM account_directory WHERE user_id = :userId")
                .param("admin", ADMIN_ROLES)
                .param("userId", userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Call after the change is written: refuses it if no active admin is left in the tenant. */
    void requireOneLeft(String tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('tenant-admins:' || :tenantId))")
                .param("tenantId", tenantId)
                .query((rs, row) -> null)
                .list();
        boolean adminLeft = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM account_directory
                                       WHERE tenant_id = :tenantId AND status = 'ACTIVE' AND roles && CAST(:admin AS text[]))""")
                .param("tenantId", tenantId)
                .param("admin", ADMIN_ROLES)
                .query(Boolean.class)
                .single();
        if (!adminLeft) {
            throw new IdentityException(
                    ErrorCode.LAST_ADMIN, "This is the tenant's last active admin; make another user an admin first.");
        }
    }
}
