package dev.identity.events.common;

/** Every command and event belongs to exactly one tenant. */
public interface TenantScoped {

    String tenantId();
}
