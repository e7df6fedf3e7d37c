package dev.identity.command.session;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Carries a session over to its user's new credential epoch, in the caller's unit of work. */
@Component
public class SessionRenewals {

    private final Repository<Session> sessions;

    SessionRenewals(Repository<Session> sessions) {
        this.sessions = sessions;
    }

    /** Does nothing for a session that does not exist, has ended, or is not the user's. */
    public void renew(String sessionId, String tenantId, String userId, long epoch) {
        try {
            sessions.load(sessionId).execute(session -> session.renew(tenantId, userId, epoch));
        } catch (AggregateNotFoundException e) {
            // nothing to carry over: the password change goes on and ends every session
        }
    }
}
