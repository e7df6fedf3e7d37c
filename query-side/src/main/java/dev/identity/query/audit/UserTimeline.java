package dev.identity.query.audit;

import dev.identity.events.audit.AuditEventView;
import dev.identity.events.audit.SessionStateView;
import dev.identity.events.audit.UserStateView;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Folds a user's events, and their sessions' events, into the user's state at an instant. Pure: the
 * caller picks the events (all those that happened at or before the instant, in global order).
 */
public final class UserTimeline {

    private UserTimeline() {
    }

    public static Optional<UserStateView> stateAt(Instant at, Collection<AuditEventView> events) {
        String userId = null;
        String tenantId = null;
        String email = null;
        String displayName = null;
        UserStatus status = null;
        TreeSet<String> roles = new TreeSet<>();
        Instant passwordChangedAt = null;
        Instant lockedUntil = null;
        long version = -1;
        Map<String, SessionStateView> sessions = new LinkedHashMap<>();
        for (AuditEventView event : events) {
            Map<String, Object> data = event.data();
            if ("Session".equals(event.aggregateType())) {
                sessions.put(event.aggregateId(), session(sessions.get(event.aggregateId()), event));
                continue;
            }
            version = event.aggregateSequence();
            switch (event.type()) {
                case "UserRegistered" -> {
                    userId = event.aggregateId();
                    tenantId = event.tenantId();
                    email = (String) data.get("email");
                    displayName = (String) data.get("displayName");
                    status = UserStatus.ACTIVE;
                    roles.addAll(strings(data.get("roles")));
                }
                case "UserDeactivated" -> status = UserStatus.DEACTIVATED;
                case "UserReactivated" -> status = UserStatus.ACTIVE;
                case "RoleAssigned" -> roles.add((String) data.get("role"));
                case "RoleRevoked" -> roles.remove((String) data.get("role"));
                case "PasswordChanged" -> passwordChangedAt = event.occurredAt();
                case "AccountLockedOut" -> lockedUntil = Instant.parse((String) data.get("lockedUntil"));
                default -> {
                    // LoginFailed and later additions change nothing shown here
                }
            }
        }
        if (userId == null) {
            return Optional.empty();
        }
        List<SessionStateView> asOf = new ArrayList<>();
        for (SessionStateView session : sessions.values()) {
            boolean expired = session.status() == SessionStatus.ACTIVE && !at.isBefore(session.idleExpiresAt());
            asOf.add(expired ? new SessionStateView(session.sessionId(), SessionStatus.EXPIRED, session.startedAt(),
                    session.lastRefreshedAt(), session.idleExpiresAt(), session.expiresAt(), null) : session);
        }
        return Optional.of(new UserStateView(userId, tenantId, at, email, displayName, status, roles,
                passwordChangedAt, lockedUntil != null && lockedUntil.isAfter(at) ? lockedUntil : null,
                List.copyOf(asOf), version));
    }

    private static SessionStateView session(SessionStateView current, AuditEventView event) {
        Map<String, Object> data = event.data();
        return switch (event.type()) {
            case "SessionStarted" -> new SessionStateView(event.aggregateId(), SessionStatus.ACTIVE,
                    instant(data, "startedAt"), instant(data, "startedAt"), instant(data, "idleExpiresAt"),
                    instant(data, "expiresAt"), null);
            case "RefreshTokenRotated" -> new SessionStateView(current.sessionId(), current.status(),
                    current.startedAt(), instant(data, "refreshedAt"), instant(data, "idleExpiresAt"),
                    current.expiresAt(), null);
            case "SessionRevoked" -> new SessionStateView(current.sessionId(), SessionStatus.REVOKED,
                    current.startedAt(), current.lastRefreshedAt(), current.idleExpiresAt(), current.expiresAt(),
                    RevocationReason.valueOf((String) data.get("reason")));
            default -> current;
        };
    }

    private static Instant instant(Map<String, Object> data, String field) {
        return Instant.parse((String) data.get(field));
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> result.add(String.valueOf(item)));
        }
        return result;
    }
}
