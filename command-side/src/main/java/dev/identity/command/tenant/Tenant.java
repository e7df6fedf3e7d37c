package dev.identity.command.tenant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.DefineRole;
import dev.identity.events.tenant.DeleteRole;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.RoleDefined;
import dev.identity.events.tenant.RoleDeleted;
import dev.identity.events.tenant.RolePermissionsChanged;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant and its catalogue of custom roles. Slug uniqueness is set-based and checked by
 * {@code TenantDirectory} in the same transaction.
 */
@Aggregate
class Tenant {

    private static final Set<Permission> TENANT_PERMISSIONS = BuiltInRole.TENANT_ADMIN.permissions();

    @AggregateIdentifier
    private String tenantId;

    private TenantStatus status;
    private final Map<String, Set<String>> customRoles = new HashMap<>();

    protected Tenant() {}

    /** Created by {@link TenantCreation}, together with the tenant's first admin. */
    Tenant(CreateTenant command) {
        apply(new TenantCreated(command.tenantId(), command.slug(), command.name(), command.selfRegistration()));
    }

    @CommandHandler
    void handle(SuspendTenant command) {
        if (status == TenantStatus.ACTIVE) {
            apply(new TenantSuspended(tenantId));
        }
    }

    @CommandHandler
    void handle(ReactivateTenant command) {
        if (status == TenantStatus.SUSPENDED) {
            apply(new TenantReactivated(tenantId));
        }
    }

    /** @return whether the role is new (as opposed to changed or unchanged) */
    @CommandHandler
    boolean handle(DefineRole command) {
        requireCustom(command.role());
        for (String permission : command.permissions()) {
            if (Permission.byKey(permission)
                    .filter(TENANT_PERMISSIONS::contains)
                    .isEmpty()) {
                throw new IdentityException(
                        ErrorCode.INVALID_PERMISSION,
                        "'" + permission + "' is not a permission a tenant role can grant.");
            }
        }
        Set<String> current = customRoles.get(command.role());
        if (current == null) {
            apply(new RoleDefined(tenantId, command.role(), command.permissions()));
            return true;
        }
        if (!current.equals(command.permissions())) {
            apply(new RolePermissionsChanged(tenantId, command.role(), command.permissions()));
        }
        return false;
    }

    @CommandHandler
    void handle(DeleteRole command) {
        requireCustom(command.role());
        if (!customRoles.containsKey(command.role())) {
            throw new IdentityException(ErrorCode.ROLE_NOT_FOUND, "There is no role '" + command.role() + "'.");
        }
        apply(new RoleDeleted(tenantId, command.role()));
    }

    private static void requireCustom(String role) {
        if (BuiltInRole.byName(role).isPresent()) {
            throw new IdentityException(
                    ErrorCode.BUILT_IN_ROLE, "'" + role + "' is a built-in role and cannot change.");
        }
    }

    @EventSourcingHandler
    void on(TenantCreated event) {
        tenantId = event.tenantId();
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantSuspended event) {
        status = TenantStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(TenantReactivated event) {
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(RoleDefined event) {
        customRoles.put(event.role(), event.permissions());
    }

    @EventSourcingHandler
    void on(RolePermissionsChanged event) {
        customRoles.put(event.role(), event.permissions());
    }

    @EventSourcingHandler
    void on(RoleDeleted event) {
        customRoles.remove(event.role());
    }
}
