package dev.identity.command.onboarding;

import dev.identity.command.tenant.TenantCreation;
import dev.identity.command.user.UserCreation;
import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.FirstAdmin;
import dev.identity.events.user.RegisterUser;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * A tenant and its first admin in one unit of work, so one transaction: both events and both directory rows
 * commit together, or neither does. No technical failure can leave a tenant nobody can administer.
 */
@Component
class TenantOnboarding {

    private final TenantCreation tenants;
    private final UserCreation users;

    TenantOnboarding(TenantCreation tenants, UserCreation users) {
        this.tenants = tenants;
        this.users = users;
    }

    @CommandHandler
    void handle(CreateTenant command) throws Exception {
        tenants.create(command);
        FirstAdmin admin = command.admin();
        users.create(new RegisterUser(
                admin.userId(),
                command.tenantId(),
                admin.email(),
                admin.passwordHash(),
                admin.displayName(),
                admin.roles(),
                admin.registeredBy()));
    }
}
