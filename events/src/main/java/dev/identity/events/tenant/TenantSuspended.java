package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantSuspended(String tenantId) implements TenantScoped {}
