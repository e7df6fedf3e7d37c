package dev.identity.command.session;

/** @param credentialEpoch the epoch the password was checked in; the session started from it records it */
public record AuthenticatedAccount(String userId, String tenantId, long credentialEpoch) {
}
