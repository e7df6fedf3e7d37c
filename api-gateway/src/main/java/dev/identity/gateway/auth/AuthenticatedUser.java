package dev.identity.gateway.auth;

import dev.identity.events.common.Permission;
import java.util.Set;

/**
 * The caller of a request: who the verified access token says they are, with the permissions their
 * roles grant right now (not when the token was issued).
 */
public record AuthenticatedUser(String userId, String tenantId, String sessionId, Set<Permission> permissions) {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
