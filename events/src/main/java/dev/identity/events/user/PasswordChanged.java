package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/** @param credentialEpoch the user's new credential epoch: sessions started before it end */
@Revision("1")
public record PasswordChanged(String userId, String tenantId, String passwordHash, long credentialEpoch)
        implements TenantScoped {

    @Override
    public String toString() {
        return "PasswordChanged[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
