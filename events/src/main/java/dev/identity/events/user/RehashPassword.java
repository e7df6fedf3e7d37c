package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The same password, hashed again with the current algorithm and parameters after a successful login.
 *
 * @param credentialEpoch the epoch the password was checked in: if the user has moved on since (a password
 *                        change in between), the rehash is dropped, so an old password never comes back
 */
public record RehashPassword(
        @TargetAggregateIdentifier String userId, String tenantId, String passwordHash, long credentialEpoch)
        implements TenantScoped {

    @Override
    public String toString() {
        return "RehashPassword[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
