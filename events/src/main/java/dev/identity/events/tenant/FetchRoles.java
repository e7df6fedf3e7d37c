package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;

/** The tenant's role catalogue: built-in roles and its custom roles. */
public record FetchRoles(String tenantId) implements TenantScoped {}
