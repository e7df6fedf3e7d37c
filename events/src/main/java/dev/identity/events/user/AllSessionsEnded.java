package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/** @param credentialEpoch the user's new credential epoch: every session started before it ends */
@Revision("1")
public record AllSessionsEnded(String userId, String tenantId, long credentialEpoch) implements TenantScoped {}
