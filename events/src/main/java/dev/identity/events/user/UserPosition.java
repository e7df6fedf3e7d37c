package dev.identity.events.user;

import java.time.Instant;

/** Where a user stands in the keyset order of a tenant's user list. */
public record UserPosition(Instant createdAt, String userId) {}
