package dev.identity.query.access;

import dev.identity.events.common.Permission;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserStatus;
import java.util.Set;

/** A user as authorization sees them right now, whatever their access token says. */
public record Principal(String userId, String tenantId, String sessionId, UserStatus userStatus,
                        TenantStatus tenantStatus, SessionStatus sessionStatus, Set<Permission> permissions) {

    /** Whether requests may act as this principal: user, tenant and session all still stand. */
    public boolean active() {
        return userStatus == UserStatus.ACTIVE && tenantStatus == TenantStatus.ACTIVE
                && sessionStatus == SessionStatus.ACTIVE;
    }
}
