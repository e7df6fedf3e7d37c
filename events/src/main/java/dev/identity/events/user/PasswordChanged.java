package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PasswordChanged(String userId, String tenantId, String passwordHash) implements TenantScoped {

    @Override
    public String toString() {
        return "PasswordChanged[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
