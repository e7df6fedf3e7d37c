package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/** The same password under a new hash: the credential epoch stays, and so do the user's sessions. */
@Revision("1")
public record PasswordRehashed(String userId, String tenantId, String passwordHash) implements TenantScoped {

    @Override
    public String toString() {
        return "PasswordRehashed[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
