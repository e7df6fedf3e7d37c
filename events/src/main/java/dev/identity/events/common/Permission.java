package dev.identity.events.common;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may do. Endpoints check permissions, never role names. */
public enum Permission {
    /** Create, suspend and reactivate tenants: platform operators only, never grantable inside a tenant. */
    TENANTS_MANAGE("tenants:manage"),
    TENANT_READ("tenant:read"),
    USERS_READ("users:read"),
    USERS_WRITE("users:write"),
    ROLES_ASSIGN("roles:assign"),
    ROLES_MANAGE("roles:manage"),
    SESSIONS_REVOKE("sessions:revoke"),
    AUDIT_READ("audit:read");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Permission> byKey(String key) {
        return Arrays.stream(values())
                .filter(permission -> permission.key.equals(key))
                .findFirst();
    }
}
