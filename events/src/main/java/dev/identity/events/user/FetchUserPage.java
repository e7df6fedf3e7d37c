package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;

/**
 * One page of a tenant's users in registration order. {@code after} is the position of the last user of
 * the previous page, or null for the first page.
 */
public record FetchUserPage(String tenantId, int limit, UserPosition after) implements TenantScoped {}
