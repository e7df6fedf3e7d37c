package dev.identity.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.identity.command.directory.CredentialEpochs;
import dev.identity.command.eventstore.Snapshots;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.session.RefreshOutcome;
import dev.identity.events.session.RefreshSession;
import dev.identity.events.session.RefreshTokenRotated;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.session.SessionRenewed;
import dev.identity.events.session.SessionRevoked;
import dev.identity.events.session.SessionStarted;
import dev.identity.events.session.StartSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One login's life. Refresh tokens rotate (RFC 9700): each is good for one refresh, and a spent one coming
 * back means it leaked, so the whole session is revoked. Tokens are known only by their SHA-256 hashes.
 * A session stands only while its credential epoch is the user's: a password change, a deactivation or
 * "end all sessions" moves the user on, and the session can no longer be refreshed.
 *
 * <p>Only the latest {@link #REMEMBERED_SPENT_TOKENS} spent tokens are remembered, so that a snapshot stays small
 * however long the session lives; an older one coming back is refused as invalid rather than detected as reuse
 * (ADR 0004).
 */
@Aggregate(repository = SessionRepositoryConfiguration.REPOSITORY)
@Revision(Snapshots.REVISION)
class Session {

    static final int REMEMBERED_SPENT_TOKENS = 100;

    @AggregateIdentifier
    private String sessionId;

    private String tenantId;
    private String userId;
    private String currentHash;
    private final List<String> spentHashes = new ArrayList<>();
    private Duration idleTimeout;
    private Instant idleExpiresAt;
    private Instant expiresAt;
    private boolean revoked;
    private long credentialEpoch;

    protected Session() {}

    @CommandHandler
    Session(StartSession command) {
        Instant idleExpiry =
                earliest(command.startedAt().plusSeconds(command.idleTimeoutSeconds()), command.expiresAt());
        apply(new SessionStarted(
                command.sessionId(),
                command.tenantId(),
                command.userId(),
                command.refreshTokenHash(),
                command.idleTimeoutSeconds(),
                command.startedAt(),
                idleExpiry,
                command.expiresAt(),
                command.clientIp(),
                command.userAgent(),
                command.credentialEpoch()));
    }

    /**
     * Reuse is an outcome, not an exception: the revocation it causes must be stored, and an exception
     * would roll it back.
     */
    @CommandHandler
    RefreshOutcome handle(RefreshSession command, CredentialEpochs epochs) {
        requireTenant(command.tenantId());
        if (spentHashes.contains(command.presentedHash())) {
            if (!revoked) {
                apply(new SessionRevoked(sessionId, tenantId, userId, RevocationReason.REFRESH_TOKEN_REUSE));
            }
            return RefreshOutcome.REUSE_DETECTED;
        }
        if (!command.presentedHash().equals(currentHash)) {
            throw new IdentityException(ErrorCode.REFRESH_TOKEN_INVALID, "The refresh token is not valid.");
        }
        if (revoked) {
            throw new IdentityException(ErrorCode.SESSION_REVOKED, "The session has been ended.");
        }
        if (epochs.activeEpochOf(userId).orElse(Long.MAX_VALUE) > credentialEpoch) {
            throw new IdentityException(
                    ErrorCode.SESSION_REVOKED,
                    "The session ended: the account was deactivated or its credentials changed; log in again.");
        }
        if (!command.at().isBefore(idleExpiresAt) || !command.at().isBefore(expiresAt)) {
            throw new IdentityException(ErrorCode.SESSION_EXPIRED, "The session has expired; log in again.");
        }
        apply(new RefreshTokenRotated(
                sessionId,
                tenantId,
                userId,
                currentHash,
                command.newHash(),
                command.at(),
                earliest(command.at().plus(idleTimeout), expiresAt)));
        return RefreshOutcome.ROTATED;
    }

    @CommandHandler
    void handle(RevokeSession command) {
        requireTenant(command.tenantId());
        if (!revoked) {
            apply(new SessionRevoked(sessionId, tenantId, userId, command.reason()));
        }
    }

    /** Carries the session over to the user's new credential epoch; a session that has ended stays ended. */
    void renew(String tenantId, String userId, long epoch) {
        if (!revoked && this.tenantId.equals(tenantId) && this.userId.equals(userId) && epoch > credentialEpoch) {
            apply(new SessionRenewed(sessionId, tenantId, userId, epoch));
        }
    }

    private void requireTenant(String commandTenantId) {
        if (!commandTenantId.equals(tenantId)) {
            throw new IdentityException(ErrorCode.SESSION_NOT_FOUND, "There is no such session.");
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        tenantId = event.tenantId();
        userId = event.userId();
        currentHash = event.refreshTokenHash();
        idleTimeout = Duration.ofSeconds(event.idleTimeoutSeconds());
        idleExpiresAt = event.idleExpiresAt();
        expiresAt = event.expiresAt();
        credentialEpoch = event.credentialEpoch();
    }

    @EventSourcingHandler
    void on(SessionRenewed event) {
        credentialEpoch = event.credentialEpoch();
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        spentHashes.add(event.spentHash());
        if (spentHashes.size() > REMEMBERED_SPENT_TOKENS) {
            spentHashes.remove(0);
        }
        currentHash = event.newHash();
        idleExpiresAt = event.idleExpiresAt();
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        revoked = true;
    }
}
