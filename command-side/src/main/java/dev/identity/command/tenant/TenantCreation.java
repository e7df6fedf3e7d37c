package dev.identity.command.tenant;

import dev.identity.events.tenant.CreateTenant;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates the tenant aggregate in the caller's unit of work. */
@Component
public class TenantCreation {

    private final Repository<Tenant> tenants;

    TenantCreation(Repository<Tenant> tenants) {
        this.tenants = tenants;
    }

    public void create(CreateTenant command) throws Exception {
        tenants.newInstance(() -> new Tenant(command));
    }
}
