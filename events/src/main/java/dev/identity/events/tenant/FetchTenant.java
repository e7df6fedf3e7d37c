package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;

public record FetchTenant(String tenantId) implements TenantScoped {}
