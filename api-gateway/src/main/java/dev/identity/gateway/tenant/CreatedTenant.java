package dev.identity.gateway.tenant;

import dev.identity.events.tenant.TenantView;
import dev.identity.events.user.UserView;

public record CreatedTenant(TenantView tenant, UserView admin) {}
