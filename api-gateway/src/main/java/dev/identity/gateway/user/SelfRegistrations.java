package dev.identity.gateway.user;

import dev.identity.command.directory.TenantDirectory;
import dev.identity.command.directory.TenantEntry;
import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.user.UserView;
import dev.identity.gateway.login.LoginThrottle;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.stereotype.Component;

/** People registering themselves into a tenant that allows it, throttled like logins. */
@Component
class SelfRegistrations {

    private static final Set<ErrorCode> REFUSING_TENANT =
            EnumSet.of(ErrorCode.TENANT_NOT_FOUND, ErrorCode.TENANT_SUSPENDED, ErrorCode.SELF_REGISTRATION_DISABLED);

    private final TenantDirectory tenants;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;

    SelfRegistrations(TenantDirectory tenants, UserAccounts accounts, LoginThrottle throttle) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    UserView register(SelfRegistration registration, String clientAddress) {
        throttle.takeRegistration(registration.tenant(), clientAddress);
        Optional<TenantEntry> tenant = tenants.findBySlug(registration.tenant());
        if (tenant.isEmpty()) {
            accounts.hashInVain(registration.user());
            throw registrationRefused();
        }
        try {
            // whether the tenant is open and active is the command side's rule (RegisterUser)
            return accounts.register(
                    tenant.get().tenantId(), registration.user(), Set.of(BuiltInRole.MEMBER.roleName()), null);
        } catch (RuntimeException e) {
            throw refusingTenant(e) ? registrationRefused() : e;
        }
    }

    /** The command side's refusals come as they are, or wrapped by the command bus. */
    private static boolean refusingTenant(RuntimeException e) {
        Throwable rejection = e instanceof CommandExecutionException ? e.getCause() : e;
        return rejection instanceof IdentityException identity && REFUSING_TENANT.contains(identity.code());
    }

    /**
     * One answer for a tenant that does not exist, does not allow self-registration or is suspended, naming
     * none: which tenants exist, and in which state, is not for anonymous callers to learn.
     */
    private static IdentityException registrationRefused() {
        return new IdentityException(
                ErrorCode.SELF_REGISTRATION_DISABLED, "Self-registration is not available for this tenant.");
    }
}
