package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SessionRevoked(String sessionId, String tenantId, String userId, RevocationReason reason)
        implements TenantScoped {}
