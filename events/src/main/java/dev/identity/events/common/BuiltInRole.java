package dev.identity.events.common;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Roles every tenant has, with the permissions they grant. Tenants add custom roles of their own. */
public enum BuiltInRole {
    /** Operates the platform. Held only by platform admins in the platform tenant; never assignable. */
    PLATFORM_ADMIN("platform-admin", EnumSet.allOf(Permission.class)),
    TENANT_ADMIN("tenant-admin", EnumSet.complementOf(EnumSet.of(Permission.TENANTS_MANAGE))),
    USER_MANAGER(
            "user-manager",
            EnumSet.of(
                    Permission.TENANT_READ,
                    Permission.USERS_READ,
                    Permission.USERS_WRITE,
                    Permission.ROLES_ASSIGN,
                    Permission.SESSIONS_REVOKE)),
    AUDITOR("auditor", EnumSet.of(Permission.TENANT_READ, Permission.USERS_READ, Permission.AUDIT_READ)),
    MEMBER("member", EnumSet.noneOf(Permission.class));

    private final String roleName;
    private final EnumSet<Permission> permissions;

    BuiltInRole(String roleName, EnumSet<Permission> permissions) {
        this.roleName = roleName;
        this.permissions = permissions;
    }

    public String roleName() {
        return roleName;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    /** Whether a tenant admin or user manager may hand this role out. */
    public boolean assignable() {
        return this != PLATFORM_ADMIN;
    }

    public static Optional<BuiltInRole> byName(String roleName) {
        return Arrays.stream(values())
                .filter(role -> role.roleName.equals(roleName))
                .findFirst();
    }
}
