package dev.identity.events.common;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Roles every tenant has, with the permissions they grant. */
public enum BuiltInRole {
    /** Operates the platform: creates, suspends and reactivates tenants. Exists only in the platform tenant. */
    PLATFORM_ADMIN("platform-admin", EnumSet.allOf(Permission.class)),
    TENANT_ADMIN("tenant-admin", EnumSet.of(Permission.TENANT_READ, Permission.USERS_READ, Permission.USERS_WRITE)),
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

    public static Optional<BuiltInRole> byName(String roleName) {
        return Arrays.stream(values()).filter(role -> role.roleName.equals(roleName)).findFirst();
    }
}
