package dev.identity.events.tenant;

import dev.identity.events.common.SortedSets;
import dev.identity.events.common.TenantScoped;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RoleDefined(String tenantId, String role, Set<String> permissions) implements TenantScoped {

    public RoleDefined {
        permissions = SortedSets.copyOf(permissions);
    }
}
