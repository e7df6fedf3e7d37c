package dev.identity.events.tenant;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
