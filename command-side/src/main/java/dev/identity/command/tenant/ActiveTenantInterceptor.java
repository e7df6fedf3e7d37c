package dev.identity.command.tenant;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.TenantScoped;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.RecordFailedLogin;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Rejects every command of a suspended or unknown tenant, except the commands that manage the tenant itself,
 * ending sessions (which must work, above all, for a suspended tenant) and recording failed logins (the
 * audit trail goes on). One place for the rule, so that no user command can forget it.
 */
public final class ActiveTenantInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Set<Class<?>> ALWAYS_ALLOWED = Set.of(CreateTenant.class, SuspendTenant.class,
            ReactivateTenant.class, RevokeSession.class, RecordFailedLogin.class);

    private final TenantStatuses tenants;

    public ActiveTenantInterceptor(TenantStatuses tenants) {
        this.tenants = tenants;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof TenantScoped scoped && !ALWAYS_ALLOWED.contains(payload.getClass())) {
            TenantStatus status = tenants.statusOf(scoped.tenantId())
                    .orElseThrow(() -> new IdentityException(ErrorCode.TENANT_NOT_FOUND,
                            "Tenant " + scoped.tenantId() + " does not exist."));
            if (status == TenantStatus.SUSPENDED) {
                throw new IdentityException(ErrorCode.TENANT_SUSPENDED,
                        "Tenant " + scoped.tenantId() + " is suspended and accepts no changes to its users.");
            }
        }
        return chain.proceed();
    }
}
