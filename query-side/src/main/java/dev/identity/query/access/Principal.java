package dev.identity.query.access;

import dev.identity.events.common.Permission;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.UserStatus;
import java.util.Set;

/** A user as authorization sees them right now, whatever their access token says. */
public record Principal(String userId, String tenantId, UserStatus userStatus, TenantStatus tenantStatus,
                        Set<Permission> permissions) {

    public boolean active() {
        return userStatus == UserStatus.ACTIVE && tenantStatus == TenantStatus.ACTIVE;
    }
}
