package dev.identity.query.access;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.Permission;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserStatus;
import dev.identity.events.user.UserView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A user as authorization sees them right now, whatever their access token says.
 *
 * @param credentialsCurrent whether the session started on the user's current credential epoch (or was
 *                           carried over to it): false once the password changed, the user was deactivated
 *                           or all their sessions were ended, even before the session's own end is recorded
 */
public record Principal(
        String userId,
        String tenantId,
        String sessionId,
        UserStatus userStatus,
        TenantStatus tenantStatus,
        SessionStatus sessionStatus,
        boolean credentialsCurrent,
        Set<Permission> permissions) {

    /**
     * Puts the three parts together. Built-in roles grant their permissions; custom roles those the tenant
     * gave them; a role that no longer exists grants nothing.
     */
    public static Principal of(SessionRecord session, UserView user, TenantAccess tenant, Instant now) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String role : user.roles()) {
            BuiltInRole.byName(role).ifPresent(builtIn -> permissions.addAll(builtIn.permissions()));
            tenant.customRoles().getOrDefault(role, Set.of()).stream()
                    .flatMap(key -> Permission.byKey(key).stream())
                    .filter(permission -> permission != Permission.TENANTS_MANAGE)
                    .forEach(permissions::add);
        }
        return new Principal(
                user.id(),
                user.tenantId(),
                session.sessionId(),
                user.status(),
                tenant.status(),
                session.statusAt(now),
                session.credentialEpoch() >= user.credentialEpoch(),
                permissions);
    }

    /** Whether requests may act as this principal: user, tenant, session and its credentials all still stand. */
    public boolean active() {
        return userStatus == UserStatus.ACTIVE
                && tenantStatus == TenantStatus.ACTIVE
                && sessionStatus == SessionStatus.ACTIVE
                && credentialsCurrent;
    }
}
