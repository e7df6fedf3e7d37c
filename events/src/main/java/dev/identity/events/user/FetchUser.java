package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;

public record FetchUser(String tenantId, String userId) implements TenantScoped {}
