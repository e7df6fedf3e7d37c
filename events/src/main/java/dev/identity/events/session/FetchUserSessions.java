package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;

/** A user's sessions, newest first; {@code activeOnly} leaves out revoked and expired ones. */
public record FetchUserSessions(String tenantId, String userId, boolean activeOnly) implements TenantScoped {}
