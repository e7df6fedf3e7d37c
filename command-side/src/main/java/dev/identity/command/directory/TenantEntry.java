package dev.identity.command.directory;

import dev.identity.events.tenant.TenantStatus;

public record TenantEntry(String tenantId, String slug, TenantStatus status, boolean selfRegistration) {}
