package dev.identity.command.session;

import dev.identity.command.RejectedWith;
import dev.identity.command.directory.CredentialEpochs;
import dev.identity.command.tenant.ActiveTenantInterceptor;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.session.RefreshOutcome;
import dev.identity.events.session.RefreshSession;
import dev.identity.events.session.RefreshTokenRotated;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.session.SessionRenewed;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import dev.identity.events.session.StartSession;
import dev.identity.events.tenant.TenantStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final String TENANT = "tenant-1";
    private static final String OTHER_TENANT = "tenant-2";
    private static final String SESSION = "session-1";
    private static final String USER = "user-1";
    private static final String IP = "203.0.113.7";
    private static final String AGENT = "curl/8.5";

    private static final String HASH_1 = "hash-1";
    private static final String HASH_2 = "hash-2";
    private static final String HASH_3 = "hash-3";
    private static final String UNKNOWN_HASH = "hash-unknown";

    private static final long IDLE_SECONDS = Duration.ofMinutes(30).toSeconds();
    private static final Instant STARTED_AT = Instant.parse("2025-01-01T10:00:00Z");
    /** Absolute lifetime: one hour, i.e. two idle periods. */
    private static final Instant EXPIRES_AT = STARTED_AT.plus(Duration.ofHours(1));

    private static final Instant FIRST_IDLE_EXPIRY = STARTED_AT.plusSeconds(IDLE_SECONDS);

    private static final SessionStarted STARTED = new SessionStarted(
            SESSION, TENANT, USER, HASH_1, IDLE_SECONDS, STARTED_AT, FIRST_IDLE_EXPIRY, EXPIRES_AT, IP, AGENT, 0);

    private final Map<String, TenantStatus> tenants = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        tenants.put(TENANT, TenantStatus.ACTIVE);
        tenants.put(OTHER_TENANT, TenantStatus.ACTIVE);
        epochs.put(USER, 0L);
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource((CredentialEpochs)
                userId -> epochs.containsKey(userId) ? OptionalLong.of(epochs.get(userId)) : OptionalLong.empty());
        fixture.registerCommandHandlerInterceptor(
                new ActiveTenantInterceptor(tenantId -> Optional.ofNullable(tenants.get(tenantId))));
    }

    /** The rotation that spends {@code spent} at {@code at}, as the aggregate itself would record it. */
    private static RefreshTokenRotated rotated(String spent, String fresh, Instant at) {
        Instant idle = at.plusSeconds(IDLE_SECONDS);
        return new RefreshTokenRotated(
                SESSION, TENANT, USER, spent, fresh, at, idle.isBefore(EXPIRES_AT) ? idle : EXPIRES_AT);
    }

    // --- starting

    @Test
    void startsSessionWithIdleExpiryOneIdlePeriodAhead() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(
                        SESSION, TENANT, USER, HASH_1, IDLE_SECONDS, STARTED_AT, EXPIRES_AT, IP, AGENT, 0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED);
    }

    @Test
    void startingSessionCapsIdleExpiryAtAbsoluteExpiry() {
        Instant soon = STARTED_AT.plus(Duration.ofMinutes(10));
        fixture.givenNoPriorActivity()
                .when(new StartSession(SESSION, TENANT, USER, HASH_1, IDLE_SECONDS, STARTED_AT, soon, IP, AGENT, 0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionStarted(
                        SESSION, TENANT, USER, HASH_1, IDLE_SECONDS, STARTED_AT, soon, soon, IP, AGENT, 0));
    }

    @Test
    void cannotStartSessionInSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.givenNoPriorActivity()
                .when(new StartSession(
                        SESSION, TENANT, USER, HASH_1, IDLE_SECONDS, STARTED_AT, EXPIRES_AT, IP, AGENT, 0))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    // --- refreshing

    @Test
    void refreshWithCurrentTokenRotatesIt() {
        Instant at = STARTED_AT.plus(Duration.ofMinutes(10));
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, at))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefreshTokenRotated(
                        SESSION, TENANT, USER, HASH_1, HASH_2, at, at.plusSeconds(IDLE_SECONDS)))
                .expectResultMessagePayload(RefreshOutcome.ROTATED);
    }

    @Test
    void refreshCapsIdleExpiryAtAbsoluteExpiry() {
        Instant at = STARTED_AT.plus(Duration.ofMinutes(50));
        fixture.given(STARTED, rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(25))))
                .when(new RefreshSession(SESSION, TENANT, HASH_2, HASH_3, at))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RefreshTokenRotated(SESSION, TENANT, USER, HASH_2, HASH_3, at, EXPIRES_AT))
                .expectResultMessagePayload(RefreshOutcome.ROTATED);
    }

    @Test
    void refreshJustBeforeIdleExpiryRotates() {
        Instant at = FIRST_IDLE_EXPIRY.minusMillis(1);
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, at))
                .expectEvents(rotated(HASH_1, HASH_2, at))
                .expectResultMessagePayload(RefreshOutcome.ROTATED);
    }

    @Test
    void reusingSpentTokenRevokesSession() {
        fixture.given(STARTED, rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))))
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_3, STARTED_AT.plus(Duration.ofMinutes(12))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRevoked(SESSION, TENANT, USER, RevocationReason.REFRESH_TOKEN_REUSE))
                .expectResultMessagePayload(RefreshOutcome.REUSE_DETECTED);
    }

    @Test
    void reusingSpentTokenOfRevokedSessionChangesNothing() {
        fixture.given(
                        STARTED,
                        rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))),
                        new SessionRevoked(SESSION, TENANT, USER, RevocationReason.REFRESH_TOKEN_REUSE))
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_3, STARTED_AT.plus(Duration.ofMinutes(12))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(RefreshOutcome.REUSE_DETECTED);
    }

    @Test
    void cannotRefreshWithUnknownToken() {
        fixture.given(STARTED, rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))))
                .when(new RefreshSession(
                        SESSION, TENANT, UNKNOWN_HASH, HASH_3, STARTED_AT.plus(Duration.ofMinutes(12))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.REFRESH_TOKEN_INVALID));
    }

    @Test
    void cannotRefreshRevokedSessionWithUnknownToken() {
        fixture.given(STARTED, new SessionRevoked(SESSION, TENANT, USER, RevocationReason.LOGOUT))
                .when(new RefreshSession(SESSION, TENANT, UNKNOWN_HASH, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.REFRESH_TOKEN_INVALID));
    }

    @Test
    void cannotRefreshRevokedSession() {
        fixture.given(STARTED, new SessionRevoked(SESSION, TENANT, USER, RevocationReason.LOGOUT))
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_REVOKED));
    }

    @Test
    void cannotRefreshSessionRevokedForReuseWithItsCurrentToken() {
        fixture.given(
                        STARTED,
                        rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))),
                        new SessionRevoked(SESSION, TENANT, USER, RevocationReason.REFRESH_TOKEN_REUSE))
                .when(new RefreshSession(SESSION, TENANT, HASH_2, HASH_3, STARTED_AT.plus(Duration.ofMinutes(12))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_REVOKED));
    }

    @Test
    void cannotRefreshAtIdleExpiry() {
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, FIRST_IDLE_EXPIRY))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_EXPIRED));
    }

    @Test
    void cannotRefreshAfterIdleExpiry() {
        fixture.given(STARTED)
                .when(new RefreshSession(
                        SESSION, TENANT, HASH_1, HASH_2, FIRST_IDLE_EXPIRY.plus(Duration.ofMinutes(1))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_EXPIRED));
    }

    @Test
    void cannotRefreshIdleExpiredSessionAfterRotation() {
        Instant rotatedAt = STARTED_AT.plus(Duration.ofMinutes(10));
        fixture.given(STARTED, rotated(HASH_1, HASH_2, rotatedAt))
                .when(new RefreshSession(SESSION, TENANT, HASH_2, HASH_3, rotatedAt.plusSeconds(IDLE_SECONDS)))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_EXPIRED));
    }

    /** Rotations keep pushing the idle expiry out, but never past the absolute one. */
    @Test
    void cannotRefreshAfterAbsoluteExpiryDespiteRecentRotations() {
        fixture.given(
                        STARTED,
                        rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(25))),
                        rotated(HASH_2, HASH_3, STARTED_AT.plus(Duration.ofMinutes(50))))
                .when(new RefreshSession(SESSION, TENANT, HASH_3, "hash-4", EXPIRES_AT.plusSeconds(1)))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_EXPIRED));
    }

    @Test
    void cannotRefreshAtAbsoluteExpiryDespiteRecentRotations() {
        fixture.given(
                        STARTED,
                        rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(25))),
                        rotated(HASH_2, HASH_3, STARTED_AT.plus(Duration.ofMinutes(50))))
                .when(new RefreshSession(SESSION, TENANT, HASH_3, "hash-4", EXPIRES_AT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_EXPIRED));
    }

    @Test
    void cannotRefreshSessionOfAnotherTenant() {
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, OTHER_TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_NOT_FOUND));
    }

    /** A spent token presented under another tenant must not let that tenant end the session. */
    @Test
    void cannotTriggerReuseRevocationFromAnotherTenant() {
        fixture.given(STARTED, rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))))
                .when(new RefreshSession(
                        SESSION, OTHER_TENANT, HASH_1, HASH_3, STARTED_AT.plus(Duration.ofMinutes(12))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_NOT_FOUND));
    }

    @Test
    void cannotRefreshSessionOfSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotRefreshUnknownSession() {
        fixture.givenNoPriorActivity()
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // --- revoking

    @Test
    void revokesSessionWithGivenReason() {
        fixture.given(STARTED)
                .when(new RevokeSession(SESSION, TENANT, RevocationReason.LOGOUT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRevoked(SESSION, TENANT, USER, RevocationReason.LOGOUT));
    }

    @Test
    void revokesRotatedSessionWithGivenReason() {
        fixture.given(STARTED, rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(10))))
                .when(new RevokeSession(SESSION, TENANT, RevocationReason.PASSWORD_CHANGED))
                .expectEvents(new SessionRevoked(SESSION, TENANT, USER, RevocationReason.PASSWORD_CHANGED));
    }

    @Test
    void revokingRevokedSessionChangesNothing() {
        fixture.given(STARTED, new SessionRevoked(SESSION, TENANT, USER, RevocationReason.LOGOUT))
                .when(new RevokeSession(SESSION, TENANT, RevocationReason.REVOKED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** Ending sessions must work above all when the tenant has just been suspended. */
    @Test
    void revokesSessionOfSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(STARTED)
                .when(new RevokeSession(SESSION, TENANT, RevocationReason.TENANT_SUSPENDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRevoked(SESSION, TENANT, USER, RevocationReason.TENANT_SUSPENDED));
    }

    @Test
    void cannotRevokeSessionOfAnotherTenant() {
        fixture.given(STARTED)
                .when(new RevokeSession(SESSION, OTHER_TENANT, RevocationReason.REVOKED))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_NOT_FOUND));
    }

    @Test
    void cannotRevokeUnknownSession() {
        fixture.givenNoPriorActivity()
                .when(new RevokeSession(SESSION, TENANT, RevocationReason.LOGOUT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // --- credential epoch

    @Test
    void sessionOlderThanTheUsersCredentialsCannotBeRefreshed() {
        epochs.put(USER, 1L);
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_REVOKED));
    }

    @Test
    void renewedSessionIsRefreshedOnTheNewCredentials() {
        epochs.put(USER, 1L);
        fixture.given(STARTED, new SessionRenewed(SESSION, TENANT, USER, 1))
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(rotated(HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))));
    }

    @Test
    void sessionOfAUserThatNoLongerExistsCannotBeRefreshed() {
        epochs.remove(USER);
        fixture.given(STARTED)
                .when(new RefreshSession(SESSION, TENANT, HASH_1, HASH_2, STARTED_AT.plus(Duration.ofMinutes(5))))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SESSION_REVOKED));
    }
}
