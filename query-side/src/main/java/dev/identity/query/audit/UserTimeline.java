package dev.identity.query.audit;

import dev.identity.events.audit.AuditEventView;
import dev.identity.events.audit.SessionStateView;
import dev.identity.events.audit.UserStateView;
import dev.identity.events.common.AggregateTypes;
import dev.identity.events.session.RefreshTokenRotated;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionRenewed;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.user.AccountLockedOut;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.LoginFailed;
import dev.identity.events.user.PasswordChangeFailed;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.PasswordRehashed;
import dev.identity.events.user.RoleAssigned;
import dev.identity.events.user.RoleRevoked;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import dev.identity.events.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Folds a user's events, and their sessions' events, into the user's state at an instant. Pure: the
 * caller picks the events (all those that happened at or before the instant, in global order).
 *
 * <p>Audited events are typed by their class's simple name, so each change below is keyed by the class
 * itself: a renamed event keeps its change, and {@code UserTimelineTest} fails for an event of either
 * aggregate that is neither here nor in {@link #NOT_SHOWN}.
 */
public final class UserTimeline {

    private static final Map<String, BiConsumer<UserFold, AuditEventView>> USER_CHANGES = Map.of(
            name(UserRegistered.class), UserFold::registered,
            name(UserDeactivated.class), (user, event) -> user.status = UserStatus.DEACTIVATED,
            name(UserReactivated.class), (user, event) -> user.status = UserStatus.ACTIVE,
            name(RoleAssigned.class),
                    (user, event) -> user.roles.add((String) event.data().get("role")),
            name(RoleRevoked.class),
                    (user, event) -> user.roles.remove((String) event.data().get("role")),
            name(PasswordChanged.class), (user, event) -> user.passwordChangedAt = event.occurredAt(),
            name(AccountLockedOut.class), (user, event) -> user.lockedUntil = instant(event, "lockedUntil"));

    private static final Map<String, BiFunction<SessionStateView, AuditEventView, SessionStateView>> SESSION_CHANGES =
            Map.of(
                    name(SessionStarted.class),
                    UserTimeline::started,
                    name(RefreshTokenRotated.class),
                    UserTimeline::rotated,
                    name(SessionRevoked.class),
                    UserTimeline::revoked);

    /** The user's and sessions' events that change nothing a {@link UserStateView} shows. */
    static final Set<Class<?>> NOT_SHOWN = Set.of(
            LoginFailed.class,
            PasswordChangeFailed.class,
            PasswordRehashed.class,
            AllSessionsEnded.class,
            SessionRenewed.class);

    private UserTimeline() {}

    /** The event types whose changes this shows, by audited name. */
    static Set<String> shown() {
        Set<String> names = new TreeSet<>(USER_CHANGES.keySet());
        names.addAll(SESSION_CHANGES.keySet());
        return names;
    }

    public static Optional<UserStateView> stateAt(Instant at, Collection<AuditEventView> events) {
        UserFold user = new UserFold();
        Map<String, SessionStateView> sessions = new LinkedHashMap<>();
        for (AuditEventView event : events) {
            if (AggregateTypes.SESSION.equals(event.aggregateType())) {
                var change = SESSION_CHANGES.get(event.type());
                if (change != null) {
                    sessions.put(event.aggregateId(), change.apply(sessions.get(event.aggregateId()), event));
                }
                continue;
            }
            user.version = event.aggregateSequence();
            var change = USER_CHANGES.get(event.type());
            if (change != null) {
                change.accept(user, event);
            }
        }
        if (user.userId == null) {
            return Optional.empty();
        }
        List<SessionStateView> asOf = new ArrayList<>();
        for (SessionStateView session : sessions.values()) {
            boolean expired = session.status() == SessionStatus.ACTIVE && !at.isBefore(session.idleExpiresAt());
            asOf.add(
                    expired
                            ? new SessionStateView(
                                    session.sessionId(),
                                    SessionStatus.EXPIRED,
                                    session.startedAt(),
                                    session.lastRefreshedAt(),
                                    session.idleExpiresAt(),
                                    session.expiresAt(),
                                    null)
                            : session);
        }
        return Optional.of(new UserStateView(
                user.userId,
                user.tenantId,
                at,
                user.email,
                user.displayName,
                user.status,
                user.roles,
                user.passwordChangedAt,
                user.lockedUntil != null && user.lockedUntil.isAfter(at) ? user.lockedUntil : null,
                List.copyOf(asOf),
                user.version));
    }

    /** The user as folded so far. */
    private static final class UserFold {
        String userId;
        String tenantId;
        String email;
        String displayName;
        UserStatus status;
        final TreeSet<String> roles = new TreeSet<>();
        Instant passwordChangedAt;
        Instant lockedUntil;
        long version = -1;

        void registered(AuditEventView event) {
            userId = event.aggregateId();
            tenantId = event.tenantId();
            email = (String) event.data().get("email");
            displayName = (String) event.data().get("displayName");
            status = UserStatus.ACTIVE;
            roles.addAll(strings(event.data().get("roles")));
        }
    }

    private static SessionStateView started(SessionStateView current, AuditEventView event) {
        return new SessionStateView(
                event.aggregateId(),
                SessionStatus.ACTIVE,
                instant(event, "startedAt"),
                instant(event, "startedAt"),
                instant(event, "idleExpiresAt"),
                instant(event, "expiresAt"),
                null);
    }

    private static SessionStateView rotated(SessionStateView current, AuditEventView event) {
        return new SessionStateView(
                current.sessionId(),
                current.status(),
                current.startedAt(),
                instant(event, "refreshedAt"),
                instant(event, "idleExpiresAt"),
                current.expiresAt(),
                null);
    }

    private static SessionStateView revoked(SessionStateView current, AuditEventView event) {
        return new SessionStateView(
                current.sessionId(),
                SessionStatus.REVOKED,
                current.startedAt(),
                current.lastRefreshedAt(),
                current.idleExpiresAt(),
                current.expiresAt(),
                RevocationReason.valueOf((String) event.data().get("reason")));
    }

    private static String name(Class<?> eventType) {
        return eventType.getSimpleName();
    }

    private static Instant instant(AuditEventView event, String field) {
        return Instant.parse((String) event.data().get(field));
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> result.add(String.valueOf(item)));
        }
        return result;
    }
}
