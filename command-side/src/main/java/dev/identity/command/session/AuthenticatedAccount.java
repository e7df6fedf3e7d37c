package dev.identity.command.session;

import dev.identity.events.user.RehashPassword;

/**
 * @param credentialEpoch the epoch the password was checked in; the session started from it records it
 * @param rehash the stored hash under the current algorithm and parameters, to be sent; {@code null} when the
 *               stored hash is current
 */
public record AuthenticatedAccount(String userId, String tenantId, long credentialEpoch, RehashPassword rehash) {}
