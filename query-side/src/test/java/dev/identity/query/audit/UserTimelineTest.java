package dev.identity.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.identity.events.audit.AuditEventView;
import dev.identity.events.audit.SessionStateView;
import dev.identity.events.audit.UserStateView;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.SessionStatus;
import dev.identity.events.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

class UserTimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A new, renamed or removed event of a user or a session fails here until the timeline says what it does. */
    @Test
    void everyEventOfAUserOrASessionIsShownOrKnownToChangeNothingShown() {
        Set<String> events = Stream.of("dev.identity.events.user", "dev.identity.events.session")
                .flatMap(UserTimelineTest::eventTypes)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> classified = new TreeSet<>(UserTimeline.shown());
        UserTimeline.NOT_SHOWN.forEach(type -> classified.add(type.getSimpleName()));
        assertThat(events).hasSizeGreaterThan(10);
        assertThat(classified).isEqualTo(events);
    }

    @Test
    void foldsTheUserAndTheirSessionsUpToTheInstant() {
        List<AuditEventView> events = new ArrayList<>();
        events.add(user(
                0, "UserRegistered", Map.of("email", "a@example.com", "displayName", "A", "roles", List.of("member"))));
        events.add(user(1, "RoleAssigned", Map.of("role", "auditor")));
        events.add(user(2, "LoginFailed", Map.of()));
        events.add(session(
                "s1",
                0,
                "SessionStarted",
                Map.of(
                        "startedAt",
                        "2026-01-01T00:01:00Z",
                        "idleExpiresAt",
                        "2026-01-01T00:31:00Z",
                        "expiresAt",
                        "2026-01-31T00:01:00Z")));
        events.add(session(
                "s1",
                1,
                "RefreshTokenRotated",
                Map.of("refreshedAt", "2026-01-01T00:05:00Z", "idleExpiresAt", "2026-01-01T00:35:00Z")));
        events.add(session("s1", 2, "SessionRevoked", Map.of("reason", "LOGOUT")));
        events.add(user(3, "UserDeactivated", Map.of()));

        UserStateView state = UserTimeline.stateAt(T0.plusSeconds(600), events).orElseThrow();

        assertThat(state.email()).isEqualTo("a@example.com");
        assertThat(state.status()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(state.roles()).containsExactly("auditor", "member");
        assertThat(state.version()).isEqualTo(3);
        assertThat(state.sessions())
                .extracting(
                        SessionStateView::status, SessionStateView::revocationReason, SessionStateView::lastRefreshedAt)
                .containsExactly(
                        tuple(SessionStatus.REVOKED, RevocationReason.LOGOUT, Instant.parse("2026-01-01T00:05:00Z")));
    }

    private static Stream<String> eventTypes(String packageName) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        return scanner.findCandidateComponents(packageName).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(ClassUtils::getShortName);
    }

    private static AuditEventView user(long sequence, String type, Map<String, Object> data) {
        return new AuditEventView(
                sequence, "e" + sequence, "t", "User", "u1", sequence, type, T0, null, null, null, data);
    }

    private static AuditEventView session(String id, long sequence, String type, Map<String, Object> data) {
        return new AuditEventView(
                100 + sequence, id + sequence, "t", "Session", id, sequence, type, T0, null, null, null, data);
    }
}
