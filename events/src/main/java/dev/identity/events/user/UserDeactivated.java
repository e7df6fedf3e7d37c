package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/**
 * @param credentialEpoch the user's new credential epoch: the sessions started before it end, and do not come
 *                        back with a reactivation
 */
@Revision("1")
public record UserDeactivated(String userId, String tenantId, long credentialEpoch) implements TenantScoped {}
