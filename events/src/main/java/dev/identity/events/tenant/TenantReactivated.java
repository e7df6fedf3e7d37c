package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantReactivated(String tenantId) implements TenantScoped {}
