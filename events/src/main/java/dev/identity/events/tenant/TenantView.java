package dev.identity.events.tenant;

import java.time.Instant;

/** A tenant as the read model shows it, with its precomputed user counts. */
public record TenantView(
        String id,
        String slug,
        String name,
        boolean selfRegistration,
        TenantStatus status,
        long userCount,
        long activeUserCount,
        Instant createdAt,
        long version) {}
