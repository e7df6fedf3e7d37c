package dev.identity.gateway.role;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.FetchRoles;
import dev.identity.events.tenant.RoleView;
import dev.identity.events.user.UserView;
import dev.identity.gateway.security.AuthenticatedUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Reads the caller's tenant's roles, and guards against privilege escalation: nobody hands out, or puts
 * into a role, a permission they do not hold themselves, nor acts on a user who holds one they lack.
 */
@Component
public class RoleCatalogue {

    private final QueryGateway queries;

    public RoleCatalogue(QueryGateway queries) {
        this.queries = queries;
    }

    public List<RoleView> roles(String tenantId) {
        return queries.query(new FetchRoles(tenantId), ResponseTypes.multipleInstancesOf(RoleView.class))
                .join();
    }

    public RoleView role(String tenantId, String name) {
        return roles(tenantId).stream()
                .filter(role -> role.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IdentityException(ErrorCode.ROLE_NOT_FOUND, "There is no role '" + name + "'."));
    }

    /**
     * Refuses to let the caller deactivate, reactivate, take roles from or end the sessions of a user who
     * holds a permission the caller lacks: a user manager must not disarm the tenant's admins.
     */
    public void requireOutranks(AuthenticatedUser caller, UserView target) {
        // the tenant's own roles are read only when the target holds one: most hold built-in roles alone
        boolean holdsCustomRole = target.roles().stream()
                .anyMatch(role -> BuiltInRole.byName(role).isEmpty());
        Map<String, Set<String>> custom = !holdsCustomRole
                ? Map.of()
                : roles(target.tenantId()).stream().collect(Collectors.toMap(RoleView::name, RoleView::permissions));
        boolean outranks = target.roles().stream()
                .flatMap(role -> BuiltInRole.byName(role)
                        .map(builtIn -> builtIn.permissions().stream())
                        .orElseGet(() -> custom.getOrDefault(role, Set.of()).stream()
                                .flatMap(key -> Permission.byKey(key).stream())))
                .allMatch(caller::can);
        if (!outranks) {
            throw new AccessDeniedException("acting on a user who holds permissions the caller lacks");
        }
    }

    public void requireHeldBy(AuthenticatedUser caller, Set<String> permissionKeys) {
        boolean allHeld = permissionKeys.stream()
                .allMatch(key -> Permission.byKey(key).map(caller::can).orElse(true));
        if (!allHeld) {
            throw new AccessDeniedException("granting permissions the caller lacks");
        }
    }
}
