package dev.identity.command.user;

import dev.identity.command.session.SessionRenewals;
import dev.identity.events.user.ChangePassword;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * A password change and the session it was made from, in one unit of work: the user moves to a new
 * credential epoch and that session moves with it, so there is no moment in which the caller's own session is
 * refused, nor one in which another session of the user stands on the old password.
 */
@Component
class PasswordChanges {

    private final Repository<User> users;
    private final SessionRenewals sessions;

    PasswordChanges(Repository<User> users, SessionRenewals sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @CommandHandler
    void handle(ChangePassword command) {
        long epoch = users.load(command.userId()).invoke(user -> user.changePassword(command));
        if (command.keepSessionId() != null) {
            sessions.renew(command.keepSessionId(), command.tenantId(), command.userId(), epoch);
        }
    }
}
