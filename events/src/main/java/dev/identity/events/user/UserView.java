package dev.identity.events.user;

import java.time.Instant;
import java.util.Set;

/**
 * A user as the read model shows it; carries no credential material.
 *
 * @param credentialEpoch moves on with each password change, deactivation and "end all sessions": sessions
 *                        started before the latest move are refused
 */
public record UserView(
        String id,
        String tenantId,
        String email,
        String displayName,
        UserStatus status,
        Set<String> roles,
        Instant createdAt,
        long credentialEpoch,
        long version) {}
