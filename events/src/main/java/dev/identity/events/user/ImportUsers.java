package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import java.util.List;

/**
 * Registers a batch of imported users in one transaction, each as its own {@code UserRegistered} with
 * {@link Registration#IMPORT}. A user whose email the tenant has already (or an earlier user of the batch
 * has) is skipped, not an error, so that an import run again adds nothing twice.
 */
public record ImportUsers(String tenantId, List<ImportedUser> users) implements TenantScoped {

    public ImportUsers {
        users = List.copyOf(users);
    }

    @Override
    public String toString() {
        return "ImportUsers[tenantId=" + tenantId + ", users=" + users.size() + "]";
    }
}
