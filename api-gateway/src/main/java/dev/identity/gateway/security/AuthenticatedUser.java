package dev.identity.gateway.security;

import dev.identity.events.common.Permission;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * The caller of a request: who the verified access token says they are, with the permissions their
 * roles grant right now (not when the token was issued).
 */
public record AuthenticatedUser(String userId, String tenantId, String sessionId, Set<Permission> permissions) {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** For what users may do to themselves: unless the caller is {@code userId}, they need {@code permission}. */
    public void requireSelfOr(Permission permission, String userId) {
        if (!this.userId.equals(userId) && !can(permission)) {
            throw new AccessDeniedException("neither the user nor holding " + permission.key());
        }
    }
}
