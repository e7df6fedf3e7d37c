package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RoleRevoked(String userId, String tenantId, String role) implements TenantScoped {}
