package dev.identity.events.common;

/** What a caller may do. Endpoints check permissions, never role names. */
public enum Permission {
    TENANTS_MANAGE("tenants:manage"),
    TENANT_READ("tenant:read"),
    USERS_READ("users:read"),
    USERS_WRITE("users:write");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
