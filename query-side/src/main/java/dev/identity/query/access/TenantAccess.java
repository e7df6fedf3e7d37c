package dev.identity.query.access;

import dev.identity.events.tenant.TenantStatus;
import java.util.Map;
import java.util.Set;

/** A tenant's status and the permissions of its custom roles; {@code version} follows the tenant's events. */
public record TenantAccess(String tenantId, TenantStatus status, Map<String, Set<String>> customRoles, long version) {

    public TenantAccess {
        customRoles = Map.copyOf(customRoles);
    }
}
