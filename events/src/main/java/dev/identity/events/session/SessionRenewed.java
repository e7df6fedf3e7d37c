package dev.identity.events.session;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/**
 * The session carried over to the user's new credential epoch: it is the session a password change was made
 * from, and it stands while the user's other sessions end.
 */
@Revision("1")
public record SessionRenewed(String sessionId, String tenantId, String userId, long credentialEpoch)
        implements TenantScoped {}
