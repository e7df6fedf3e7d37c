package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/** A signed-in user's password change was refused: the current password given was wrong. */
@Revision("1")
public record PasswordChangeFailed(String userId, String tenantId, String clientIp) implements TenantScoped {}
