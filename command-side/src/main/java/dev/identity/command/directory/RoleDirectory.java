package dev.identity.command.directory;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.tenant.RoleDefined;
import dev.identity.events.tenant.RoleDeleted;
import dev.identity.events.user.RoleAssigned;
import dev.identity.events.user.RoleRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Custom roles per tenant and who holds which role. Assigning a custom role locks its catalogue row
 * (FOR SHARE) and deleting one locks it exclusively, so an assignment and a deletion racing each other
 * cannot both succeed: a role is never deleted while assigned, nor assigned once deleted.
 */
@Component
@ProcessingGroup(Directory.PROCESSING_GROUP)
class RoleDirectory {

    private final JdbcClient jdbc;
    private final TenantAdmins admins;

    RoleDirectory(JdbcClient jdbc, TenantAdmins admins) {
        this.jdbc = jdbc;
        this.admins = admins;
    }

    @EventHandler
    void on(RoleDefined event) {
        jdbc.sql("INSERT INTO role_directory (tenant_id, role) VALUES (:tenantId, :role) ON CONFLICT DO NOTHING")
                .param("tenantId", event.tenantId())
                .param("role", event.role())
                .update();
    }

    @EventHandler
    void on(RoleDeleted event) {
        jdbc.sql("DELETE FROM role_directory WHERE tenant_id = :tenantId AND role = :role")
                .param("tenantId", event.tenantId())
                .param("role", event.role())
                .update();
        boolean assigned = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM account_directory
                                       WHERE tenant_id = :tenantId AND :role = ANY (roles))""")
                .param("tenantId", event.tenantId())
                .param("role", event.role())
                .query(Boolean.class)
                .single();
        if (assigned) {
            throw new IdentityException(
                    ErrorCode.ROLE_IN_USE,
                    "Role '" + event.role() + "' is still assigned; revoke it from its users first.");
        }
    }

    @EventHandler
    void on(RoleAssigned event) {
        if (BuiltInRole.byName(event.role()).isEmpty() && !customRoleExists(event.tenantId(), event.role())) {
            throw new IdentityException(ErrorCode.ROLE_NOT_FOUND, "There is no role '" + event.role() + "'.");
        }
        jdbc.sql("UPDATE account_directory SET roles = array_append(roles, :role) WHERE user_id = :userId")
                .param("role", event.role())
                .param("userId", event.userId())
                .update();
    }

    @EventHandler
    void on(RoleRevoked event) {
        jdbc.sql("UPDATE account_directory SET roles = array_remove(roles, :role) WHERE user_id = :userId")
                .param("role", event.role())
                .param("userId", event.userId())
                .update();
        if (TenantAdmins.isAdminRole(event.role())) {
            admins.requireOneLeft(event.tenantId());
        }
    }

    private boolean customRoleExists(String tenantId, String role) {
        return jdbc.sql("SELECT 1 FROM role_directory WHERE tenant_id = :tenantId AND role = :role FOR SHARE")
                .param("tenantId", tenantId)
                .param("role", role)
                .query(Integer.class)
                .optional()
                .isPresent();
    }
}
