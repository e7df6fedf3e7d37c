package dev.identity.command.tenant;

import dev.identity.events.common.AllowedOnSuspendedTenant;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.TenantScoped;
import dev.identity.events.tenant.TenantStatus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Rejects every command of a suspended or unknown tenant, except those marked
 * {@link AllowedOnSuspendedTenant}. One place for the rule, so that no user command can forget it.
 */
public final class ActiveTenantInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final TenantStatuses tenants;

    public ActiveTenantInterceptor(TenantStatuses tenants) {
        this.tenants = tenants;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof TenantScoped scoped && !(payload instanceof AllowedOnSuspendedTenant)) {
            TenantStatus status = tenants.statusOf(scoped.tenantId())
                    .orElseThrow(() -> new IdentityException(
                            ErrorCode.TENANT_NOT_FOUND, "Tenant " + scoped.tenantId() + " does not exist."));
            if (status == TenantStatus.SUSPENDED) {
                throw new IdentityException(
                        ErrorCode.TENANT_SUSPENDED,
                        "Tenant " + scoped.tenantId() + " is suspended and accepts no changes to its users.");
            }
        }
        return chain.proceed();
    }
}
