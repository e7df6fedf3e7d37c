package dev.identity.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.events.session.SessionView;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tenant and user of recently used sessions, which route a refresh to its session. They never change once
 * a session has started, so a kept copy cannot be stale; whether the session still stands is for its aggregate
 * to decide. Spares each refresh a read of the session's view.
 */
final class SessionOwners {

    record Owner(String sessionId, String tenantId, String userId) {}

    private final Cache<String, Owner> owners;

    SessionOwners(int capacity) {
        owners = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    void started(String sessionId, String tenantId, String userId) {
        owners.put(sessionId, new Owner(sessionId, tenantId, userId));
    }

    /** The session's owner, from memory or else from {@code view}; empty for a session that does not exist. */
    Optional<Owner> of(String sessionId, Function<String, Optional<SessionView>> view) {
        Owner owner = owners.getIfPresent(sessionId);
        if (owner != null) {
            return Optional.of(owner);
        }
        Optional<Owner> found =
                view.apply(sessionId).map(session -> new Owner(session.id(), session.tenantId(), session.userId()));
        found.ifPresent(known -> owners.put(sessionId, known));
        return found;
    }
}
