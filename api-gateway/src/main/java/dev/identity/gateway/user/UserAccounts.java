package dev.identity.gateway.user;

import dev.identity.command.session.PasswordAuthenticator;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.IdentityException;
import dev.identity.events.session.FetchSession;
import dev.identity.events.session.SessionView;
import dev.identity.events.tenant.FirstAdmin;
import dev.identity.events.user.ChangePassword;
import dev.identity.events.user.EndAllSessions;
import dev.identity.events.user.FetchUser;
import dev.identity.events.user.RecordFailedPasswordChange;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.Registration;
import dev.identity.events.user.UserView;
import dev.identity.gateway.login.HashingPool;
import dev.identity.gateway.login.LoginThrottle;
import dev.identity.gateway.web.InvalidInputException;
import dev.identity.gateway.write.CommandSender;
import dev.identity.gateway.write.ReadYourWrites;
import dev.identity.gateway.write.ReadYourWrites.AccessChange;
import dev.identity.query.session.SessionProjection;
import dev.identity.query.user.UserProjection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Registering a user and reading one back, shared by the user endpoints, tenant creation, self-registration
 * and the platform bootstrap. The password is hashed here, before any command exists.
 */
@Component
public class UserAccounts {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;
    private final ReadYourWrites readYourWrites;
    private final PasswordAuthenticator authenticator;
    private final HashingPool hashing;
    private final LoginThrottle throttle;

    public UserAccounts(
            CommandSender commands,
            QueryGateway queries,
            PasswordEncoder passwordEncoder,
            ReadYourWrites readYourWrites,
            PasswordAuthenticator authenticator,
            HashingPool hashing,
            LoginThrottle throttle) {
        this.commands = commands;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.readYourWrites = readYourWrites;
        this.authenticator = authenticator;
        this.hashing = hashing;
        this.throttle = throttle;
    }

    /**
     * Registers the user and returns it once the read model shows it.
     *
     * @param actor who asks for it; {@code null} when people register themselves (the new user is the actor)
     */
    public UserView register(String tenantId, NewUser user, Set<String> roles, String actor) {
        FirstAdmin account = newAccount(user, roles, actor);
        commands.send(
                new RegisterUser(
                        account.userId(),
                        tenantId,
                        account.email(),
                        account.passwordHash(),
                        account.displayName(),
                        account.roles(),
                        account.registeredBy()),
                actor == null ? account.userId() : actor,
                ErrorCode.USER_NOT_FOUND);
        return awaitUser(tenantId, account.userId());
    }

    /** A new tenant's first user, with a fresh id and the password hashed, for {@code CreateTenant}. */
    public FirstAdmin firstAdmin(NewUser user, Set<String> roles, String actor) {
        return newAccount(user, roles, actor);
    }

    private FirstAdmin newAccount(NewUser user, Set<String> roles, String actor) {
        String passwordHash = hashing.forAccountChange(() -> passwordEncoder.encode(user.password()));
        Registration registeredBy = actor == null
                ? Registration.SELF
                : EventMetadata.SYSTEM_ACTOR.equals(actor) ? Registration.SYSTEM : Registration.ADMIN;
        return new FirstAdmin(
                UUID.randomUUID().toString(), user.email(), passwordHash, user.displayName(), roles, registeredBy);
    }

    /**
     * Hashes a self-registration's password for nothing: a tenant that does not exist costs what one that
     * refuses the registration costs, so the time does not tell them apart.
     */
    public void hashInVain(NewUser user) {
        hashing.forAccountChange(() -> passwordEncoder.encode(user.password()));
    }

    /**
     * Checks the current password, then stores the new one's hash. The user's other sessions end; the one
     * the change is made from ({@code keepSessionId}) carries over, and this returns once it is authorized
     * on the new credentials. Wrong current passwords are throttled like logins and recorded in the user's
     * history ({@code PasswordChangeFailed}).
     */
    public void changePassword(
            String tenantId, String userId, PasswordChange change, String keepSessionId, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.reservePasswordCheck(tenantId, userId, clientAddress);
        boolean current;
        try {
            current = hashing.forAccountChange(() -> authenticator.verify(tenantId, userId, change.currentPassword()));
        } catch (RuntimeException e) {
            attempt.cancelled();
            throw e;
        }
        if (!current) {
            attempt.failed();
            commands.send(new RecordFailedPasswordChange(userId, tenantId, clientAddress), ErrorCode.USER_NOT_FOUND);
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        attempt.succeeded();
        String passwordHash = hashing.forAccountChange(() -> passwordEncoder.encode(change.newPassword()));
        commands.send(new ChangePassword(userId, tenantId, passwordHash, keepSessionId), ErrorCode.USER_NOT_FOUND);
        awaitUser(tenantId, userId);
        readYourWrites.awaitApplied(
                SessionProjection.PROCESSING_GROUP,
                keepSessionId,
                keepSessionId,
                () -> queries.query(
                                new FetchSession(keepSessionId), ResponseTypes.optionalInstanceOf(SessionView.class))
                        .join(),
                SessionView::version,
                AccessChange.POSSIBLE);
    }

    /** Ends every session of the user; returns once no request on them is accepted. */
    public void endAllSessions(String tenantId, String userId) {
        commands.send(new EndAllSessions(userId, tenantId), ErrorCode.USER_NOT_FOUND);
        awaitUser(tenantId, userId);
    }

    public Optional<UserView> find(String tenantId, String userId) {
        return queries.query(new FetchUser(tenantId, userId), ResponseTypes.optionalInstanceOf(UserView.class))
                .join();
    }

    public UserView get(String tenantId, String userId) {
        return find(tenantId, userId).orElseThrow(() -> notFound(userId));
    }

    public UserView awaitUser(String tenantId, String userId) {
        return readYourWrites
                .await(
                        UserProjection.PROCESSING_GROUP,
                        tenantId,
                        userId,
                        () -> find(tenantId, userId),
                        UserView::version)
                .orElseThrow(() -> notFound(userId));
    }

    private static IdentityException notFound(String userId) {
        return new IdentityException(ErrorCode.USER_NOT_FOUND, "User " + userId + " does not exist.");
    }
}
