package dev.identity.command.tenant;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TenantRules {

    @Autowired
    void registerActiveTenantCheck(CommandBus commandBus, TenantStatuses tenants) {
        commandBus.registerHandlerInterceptor(new ActiveTenantInterceptor(tenants));
    }
}
