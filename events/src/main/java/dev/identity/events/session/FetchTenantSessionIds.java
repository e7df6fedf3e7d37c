package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;

/** The ids of a tenant's active sessions. */
public record FetchTenantSessionIds(String tenantId) implements TenantScoped {
}
