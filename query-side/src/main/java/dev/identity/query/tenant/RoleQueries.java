package dev.identity.query.tenant;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.FetchRoles;
import dev.identity.events.tenant.RoleView;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class RoleQueries {

    private final JdbcClient jdbc;

    RoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The assignable built-in roles first, then the tenant's custom roles by name. */
    @QueryHandler
    List<RoleView> handle(FetchRoles query) {
        Stream<RoleView> builtIn = Arrays.stream(BuiltInRole.values())
                .filter(BuiltInRole::assignable)
                .map(role -> new RoleView(
                        role.roleName(),
                        true,
                        role.permissions().stream().map(Permission::key).collect(Collectors.toSet())));
        List<RoleView> custom = jdbc.sql(
                        "SELECT role, permissions FROM tenant_roles WHERE tenant_id = :tenantId " + "ORDER BY role")
                .param("tenantId", query.tenantId())
                .query((rs, row) -> new RoleView(rs.getString("role"), false, Set.of((String[])
                        rs.getArray("permissions").getArray())))
                .list();
        return Stream.concat(builtIn, custom.stream()).toList();
    }
}
