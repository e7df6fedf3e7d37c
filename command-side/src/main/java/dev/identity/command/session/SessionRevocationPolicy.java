package dev.identity.command.session;

import dev.identity.command.directory.SessionDirectory;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.tenant.TenantSuspended;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.UserDeactivated;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions a change has taken the ground from, one {@code RevokeSession} each, so that every end is
 * in the session's history. Runs in a tracking processor of its own: the revocations commit with its token,
 * so after a crash it resumes from the triggering event and sends them again; a session already ended ignores
 * the command. The sessions come from {@link SessionDirectory}, kept in the appending transaction.
 *
 * <p>Requests are refused before this runs: a session older than its user's credential epoch, or of a
 * suspended tenant, is not accepted anywhere. This puts the end in the history and makes it final.
 */
@Component
@ProcessingGroup(SessionRevocationPolicy.PROCESSING_GROUP)
@DisallowReplay
class SessionRevocationPolicy {

    static final String PROCESSING_GROUP = "session-revocation";

    private static final Logger log = LoggerFactory.getLogger(SessionRevocationPolicy.class);

    private final SessionDirectory directory;
    private final CommandGateway commands;

    SessionRevocationPolicy(SessionDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @EventHandler
    void on(PasswordChanged event) {
        revoke(
                event.tenantId(),
                directory.sessionsOfUserBefore(event.tenantId(), event.userId(), event.credentialEpoch()),
                RevocationReason.PASSWORD_CHANGED);
    }

    @EventHandler
    void on(UserDeactivated event) {
        revoke(
                event.tenantId(),
                directory.sessionsOfUserBefore(event.tenantId(), event.userId(), event.credentialEpoch()),
                RevocationReason.USER_DEACTIVATED);
    }

    @EventHandler
    void on(AllSessionsEnded event) {
        revoke(
                event.tenantId(),
                directory.sessionsOfUserBefore(event.tenantId(), event.userId(), event.credentialEpoch()),
                RevocationReason.REVOKED);
    }

    /**
     * Sessions started before the suspension: none starts while the tenant is suspended, and one started
     * after a reactivation that came before this ran must stand.
     */
    @EventHandler
    void on(TenantSuspended event, @Timestamp Instant suspendedAt) {
        revoke(
                event.tenantId(),
                directory.sessionsOfTenantBefore(event.tenantId(), suspendedAt),
                RevocationReason.TENANT_SUSPENDED);
    }

    private void revoke(String tenantId, List<String> sessionIds, RevocationReason reason) {
        for (String sessionId : sessionIds) {
            commands.sendAndWait(new RevokeSession(sessionId, tenantId, reason));
        }
        if (!sessionIds.isEmpty()) {
            log.info("Ended {} session(s) of tenant {}: {}", sessionIds.size(), tenantId, reason);
        }
    }
}
