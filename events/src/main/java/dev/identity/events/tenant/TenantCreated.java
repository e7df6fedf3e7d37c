package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantCreated(String tenantId, String slug, String name, boolean selfRegistration)
        implements TenantScoped {}
