package dev.identity.gateway.session;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.session.FetchSession;
import dev.identity.events.session.FetchUserSessions;
import dev.identity.events.session.RefreshOutcome;
import dev.identity.events.session.RefreshSession;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.session.SessionView;
import dev.identity.events.session.StartSession;
import dev.identity.gateway.token.AccessToken;
import dev.identity.gateway.token.AccessTokens;
import dev.identity.gateway.write.CommandSender;
import dev.identity.gateway.write.ReadYourWrites;
import dev.identity.gateway.write.ReadYourWrites.AccessChange;
import dev.identity.query.session.SessionProjection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Starts, refreshes and ends sessions; each write returns once the read model (and so authorization) shows it. */
@Component
public class Sessions {

    private static final int MAX_USER_AGENT = 256;

    private final CommandSender commands;
    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final AccessTokens accessTokens;
    private final SessionProperties properties;
    private final SessionOwners owners;
    private final Clock clock = Clock.systemUTC();

    public Sessions(
            CommandSender commands,
            QueryGateway queries,
            ReadYourWrites readYourWrites,
            AccessTokens accessTokens,
            SessionProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.owners = new SessionOwners(properties.ownersKept());
    }

    /** @param credentialEpoch the user's credential epoch the password was checked in */
    public TokenPair start(String tenantId, String userId, long credentialEpoch, String clientIp, String userAgent) {
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = RefreshTokens.generate(sessionId);
        Instant now = clock.instant();
        commands.send(
                new StartSession(
                        sessionId,
                        tenantId,
                        userId,
                        RefreshTokens.hash(refreshToken),
                        properties.idleTimeout().toSeconds(),
                        now,
                        now.plus(properties.absoluteLifetime()),
                        clientIp,
                        userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT)),
                        credentialEpoch),
                userId,
                ErrorCode.SESSION_NOT_FOUND);
        owners.started(sessionId, tenantId, userId);
        await(sessionId);
        return tokens(userId, tenantId, sessionId, refreshToken);
    }

    /**
     * Rotates the refresh token. A concurrent refresh of the same token on another instance loses the
     * append race; it is retried once and then finds the token spent, exactly as on one instance.
     */
    public TokenPair refresh(String refreshToken) {
        SessionOwners.Owner session = RefreshTokens.sessionIdOf(refreshToken)
                .flatMap(sessionId -> owners.of(sessionId, this::find))
                .orElseThrow(() ->
                        new IdentityException(ErrorCode.REFRESH_TOKEN_INVALID, "The refresh token is not valid."));
        String nextToken = RefreshTokens.generate(session.sessionId());
        RefreshSession command = new RefreshSession(
                session.sessionId(),
                session.tenantId(),
                RefreshTokens.hash(refreshToken),
                RefreshTokens.hash(nextToken),
                clock.instant());
        RefreshOutcome outcome;
        try {
            outcome = commands.send(command, session.userId(), ErrorCode.SESSION_NOT_FOUND);
        } catch (ConcurrencyException e) {
            outcome = commands.send(command, session.userId(), ErrorCode.SESSION_NOT_FOUND);
        }
        // a rotation changes nobody's access, so it is not fenced on the other instances; a reuse ends the session
        readYourWrites.awaitApplied(
                SessionProjection.PROCESSING_GROUP,
                session.sessionId(),
                session.sessionId(),
                () -> find(session.sessionId()),
                SessionView::version,
                outcome == RefreshOutcome.REUSE_DETECTED ? AccessChange.POSSIBLE : AccessChange.NONE);
        if (outcome == RefreshOutcome.REUSE_DETECTED) {
            throw new IdentityException(
                    ErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was used before; the session has been ended. Log in again.");
        }
        return tokens(session.userId(), session.tenantId(), session.sessionId(), nextToken);
    }

    public Optional<SessionView> find(String sessionId) {
        return queries.query(new FetchSession(sessionId), ResponseTypes.optionalInstanceOf(SessionView.class))
                .join();
    }

    /** A session of the tenant, or SESSION_NOT_FOUND: another tenant's session does not exist here. */
    public SessionView get(String tenantId, String sessionId) {
        return find(sessionId)
                .filter(session -> session.tenantId().equals(tenantId))
                .orElseThrow(() -> new IdentityException(ErrorCode.SESSION_NOT_FOUND, "There is no such session."));
    }

    public List<SessionView> ofUser(String tenantId, String userId, boolean activeOnly) {
        return queries.query(
                        new FetchUserSessions(tenantId, userId, activeOnly),
                        ResponseTypes.multipleInstancesOf(SessionView.class))
                .join();
    }

    public void revoke(String tenantId, String sessionId, RevocationReason reason) {
        commands.send(new RevokeSession(sessionId, tenantId, reason), ErrorCode.SESSION_NOT_FOUND);
        await(sessionId);
    }

    /** Returns once the read model, and so authorization, shows the session's latest event. */
    public void await(String sessionId) {
        readYourWrites.awaitApplied(
                SessionProjection.PROCESSING_GROUP,
                sessionId,
                sessionId,
                () -> find(sessionId),
                SessionView::version,
                AccessChange.POSSIBLE);
    }

    private TokenPair tokens(String userId, String tenantId, String sessionId, String refreshToken) {
        AccessToken access = accessTokens.issue(userId, tenantId, sessionId);
        return new TokenPair(access.accessToken(), access.tokenType(), access.expiresIn(), refreshToken, sessionId);
    }
}
