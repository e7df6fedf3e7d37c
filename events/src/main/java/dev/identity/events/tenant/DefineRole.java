package dev.identity.events.tenant;

import dev.identity.events.common.SortedSets;
import dev.identity.events.common.TenantScoped;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a custom role in the tenant's catalogue, or changes the permissions of one. */
public record DefineRole(@TargetAggregateIdentifier String tenantId, String role, Set<String> permissions)
        implements TenantScoped {

    public DefineRole {
        permissions = SortedSets.copyOf(permissions);
    }
}
