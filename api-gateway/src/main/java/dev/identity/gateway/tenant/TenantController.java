package dev.identity.gateway.tenant;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.FirstAdmin;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantView;
import dev.identity.events.user.UserView;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.user.NewUser;
import dev.identity.gateway.user.UserAccounts;
import dev.identity.gateway.write.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
@SecurityRequirement(name = "bearer")
class TenantController {

    private final CommandSender commands;
    private final Tenants tenants;
    private final UserAccounts accounts;

    TenantController(CommandSender commands, Tenants tenants, UserAccounts accounts) {
        this.commands = commands;
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @Operation(
            summary = "Create a tenant and its first tenant admin (platform admins)",
            description = "One command: the tenant and its admin are stored together or not at all.")
    @PostMapping
    @RequiresPermission(Permission.TENANTS_MANAGE)
    ResponseEntity<CreatedTenant> create(
            @AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody NewTenant tenant) {
        String tenantId = UUID.randomUUID().toString();
        FirstAdmin admin =
                accounts.firstAdmin(tenant.admin(), Set.of(BuiltInRole.TENANT_ADMIN.roleName()), caller.userId());
        commands.send(
                new CreateTenant(tenantId, tenant.slug(), tenant.name(), tenant.selfRegistration(), admin),
                ErrorCode.TENANT_NOT_FOUND);
        CreatedTenant created =
                new CreatedTenant(tenants.awaitTenant(tenantId), accounts.awaitUser(tenantId, admin.userId()));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId)).body(created);
    }

    @Operation(
            summary = "Add a tenant admin to a tenant (platform admins)",
            description = "For a tenant whose admins have all left, or that needs another. The new user gets the"
                    + " tenant-admin role.")
    @PostMapping("/{id}/admins")
    @RequiresPermission(Permission.TENANTS_MANAGE)
    ResponseEntity<UserView> addAdmin(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String id,
            @Valid @RequestBody NewUser admin) {
        UserView created = accounts.register(id, admin, Set.of(BuiltInRole.TENANT_ADMIN.roleName()), caller.userId());
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    @Operation(summary = "A tenant with its user counts: one's own tenant, or any tenant for platform admins")
    @GetMapping("/{id}")
    @RequiresPermission(Permission.TENANT_READ)
    TenantView get(Authentication authentication, @PathVariable String id) {
        AuthenticatedUser caller = (AuthenticatedUser) authentication.getPrincipal();
        boolean platformAdmin = caller.can(Permission.TENANTS_MANAGE);
        if (!platformAdmin && !caller.tenantId().equals(id)) {
            throw Tenants.notFound(id);
        }
        return tenants.find(id).orElseThrow(() -> Tenants.notFound(id));
    }

    @Operation(summary = "Suspend a tenant: its sessions end, its users can no longer log in or be changed")
    @PostMapping("/{id}/suspend")
    @RequiresPermission(Permission.TENANTS_MANAGE)
    TenantView suspend(@PathVariable String id) {
        if (tenants.isPlatform(id)) {
            throw new IdentityException(
                    ErrorCode.PLATFORM_TENANT,
                    "The platform tenant cannot be suspended: it holds the platform's admins.");
        }
        commands.send(new SuspendTenant(id), ErrorCode.TENANT_NOT_FOUND);
        return tenants.awaitTenant(id);
    }

    @Operation(summary = "Reactivate a suspended tenant (platform admins)")
    @PostMapping("/{id}/reactivate")
    @RequiresPermission(Permission.TENANTS_MANAGE)
    TenantView reactivate(@PathVariable String id) {
        commands.send(new ReactivateTenant(id), ErrorCode.TENANT_NOT_FOUND);
        return tenants.awaitTenant(id);
    }
}
