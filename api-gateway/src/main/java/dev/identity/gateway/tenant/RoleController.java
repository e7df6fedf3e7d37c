package dev.identity.gateway.tenant;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.DefineRole;
import dev.identity.events.tenant.DeleteRole;
import dev.identity.events.tenant.RoleView;
import dev.identity.gateway.role.RoleCatalogue;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.write.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/roles")
@SecurityRequirement(name = "bearer")
class RoleController {

    private static final String ROLE_NAME = "[a-z][a-z0-9-]{1,62}";

    private final RoleCatalogue catalogue;
    private final CommandSender commands;
    private final Tenants tenants;

    RoleController(RoleCatalogue catalogue, CommandSender commands, Tenants tenants) {
        this.catalogue = catalogue;
        this.commands = commands;
        this.tenants = tenants;
    }

    @Operation(summary = "The caller's tenant's roles: built-in ones and custom ones, with their permissions")
    @GetMapping
    @RequiresPermission(Permission.TENANT_READ)
    List<RoleView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return catalogue.roles(caller.tenantId());
    }

    @Operation(summary = "Define a custom role, or change its permissions (201 when new, 200 when changed)")
    @PutMapping("/{name}")
    @RequiresPermission(Permission.ROLES_MANAGE)
    ResponseEntity<RoleView> define(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable
                    @Pattern(
                            regexp = ROLE_NAME,
                            message = "must be 2-63 lowercase letters, digits or hyphens, " + "starting with a letter")
                    String name,
            @Valid @RequestBody RoleDefinition definition) {
        catalogue.requireHeldBy(caller, definition.permissions());
        boolean created = commands.send(
                new DefineRole(caller.tenantId(), name, definition.permissions()), ErrorCode.TENANT_NOT_FOUND);
        tenants.awaitTenant(caller.tenantId());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(catalogue.role(caller.tenantId(), name));
    }

    @Operation(summary = "Delete a custom role that nobody holds any more")
    @DeleteMapping("/{name}")
    @RequiresPermission(Permission.ROLES_MANAGE)
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String name) {
        commands.send(new DeleteRole(caller.tenantId(), name), ErrorCode.TENANT_NOT_FOUND);
        tenants.awaitTenant(caller.tenantId());
        return ResponseEntity.noContent().build();
    }
}
