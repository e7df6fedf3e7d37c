package dev.identity.gateway.user;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.Permission;
import dev.identity.events.user.AssignRole;
import dev.identity.events.user.DeactivateUser;
import dev.identity.events.user.FetchUserPage;
import dev.identity.events.user.ReactivateUser;
import dev.identity.events.user.RevokeRole;
import dev.identity.events.user.UserPage;
import dev.identity.events.user.UserView;
import dev.identity.gateway.access.AccessCache;
import dev.identity.gateway.role.RoleCatalogue;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.write.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users of the caller's tenant. Ids of other tenants' users answer 404, exactly like unknown ids. */
@RestController
@RequestMapping("/api/v1/users")
@SecurityRequirement(name = "bearer")
class UserController {

    private final UserAccounts accounts;
    private final CommandSender commands;
    private final QueryGateway queries;
    private final RoleCatalogue roles;
    private final AccessCache accessCache;

    UserController(
            UserAccounts accounts,
            CommandSender commands,
            QueryGateway queries,
            RoleCatalogue roles,
            AccessCache accessCache) {
        this.accounts = accounts;
        this.commands = commands;
        this.queries = queries;
        this.roles = roles;
        this.accessCache = accessCache;
    }

    @Operation(summary = "Create a user in the caller's tenant, with the member role")
    @PostMapping
    @RequiresPermission(Permission.USERS_WRITE)
    ResponseEntity<UserView> create(
            @AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody NewUser user) {
        UserView created =
                accounts.register(caller.tenantId(), user, Set.of(BuiltInRole.MEMBER.roleName()), caller.userId());
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    @Operation(summary = "List the caller's tenant's users in registration order, one page at a time")
    @GetMapping
    @RequiresPermission(Permission.USERS_READ)
    UserListResponse list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        FetchUserPage query = new FetchUserPage(
                caller.tenantId(), limit, cursor == null || cursor.isEmpty() ? null : UserCursor.decode(cursor));
        UserPage page =
                queries.query(query, ResponseTypes.instanceOf(UserPage.class)).join();
        return new UserListResponse(
                page.items(), page.total(), page.next() == null ? null : UserCursor.encode(page.next()));
    }

    @Operation(summary = "The caller's own user (served from the access cache: no database query once warm)")
    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return accessCache
                .user(caller.tenantId(), caller.userId())
                .orElseGet(() -> accounts.get(caller.tenantId(), caller.userId()));
    }

    @Operation(summary = "One user of the caller's tenant")
    @GetMapping("/{id}")
    UserView get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        caller.requireSelfOr(Permission.USERS_READ, id);
        return accounts.get(caller.tenantId(), id);
    }

    @Operation(
            summary = "Deactivate a user: they can no longer log in, and their sessions end",
            description = "Their sessions are refused as soon as this answers and stay ended after a reactivation.")
    @PostMapping("/{id}/deactivate")
    @RequiresPermission(Permission.USERS_WRITE)
    UserView deactivate(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        roles.requireOutranks(caller, accounts.get(caller.tenantId(), id));
        commands.send(new DeactivateUser(id, caller.tenantId()), ErrorCode.USER_NOT_FOUND);
        return accounts.awaitUser(caller.tenantId(), id);
    }

    @Operation(summary = "Change one's own password; every other session of the caller ends")
    @PostMapping("/me/password")
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody PasswordChange change,
            HttpServletRequest request) {
        accounts.changePassword(
                caller.tenantId(), caller.userId(), change, caller.sessionId(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Reactivate a deactivated user")
    @PostMapping("/{id}/reactivate")
    @RequiresPermission(Permission.USERS_WRITE)
    UserView reactivate(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        roles.requireOutranks(caller, accounts.get(caller.tenantId(), id));
        commands.send(new ReactivateUser(id, caller.tenantId()), ErrorCode.USER_NOT_FOUND);
        return accounts.awaitUser(caller.tenantId(), id);
    }

    @Operation(summary = "Give a user a role; giving one they hold already changes nothing")
    @PutMapping("/{id}/roles/{role}")
    @RequiresPermission(Permission.ROLES_ASSIGN)
    UserView assignRole(
            @AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id, @PathVariable String role) {
        roles.requireHeldBy(caller, roles.role(caller.tenantId(), role).permissions());
        commands.send(new AssignRole(id, caller.tenantId(), role), ErrorCode.USER_NOT_FOUND);
        return accounts.awaitUser(caller.tenantId(), id);
    }

    @Operation(summary = "Take a role from a user; taking one they lack changes nothing")
    @DeleteMapping("/{id}/roles/{role}")
    @RequiresPermission(Permission.ROLES_ASSIGN)
    UserView revokeRole(
            @AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id, @PathVariable String role) {
        roles.requireOutranks(caller, accounts.get(caller.tenantId(), id));
        commands.send(new RevokeRole(id, caller.tenantId(), role), ErrorCode.USER_NOT_FOUND);
        return accounts.awaitUser(caller.tenantId(), id);
    }
}
