package dev.identity.gateway.user;

import dev.identity.query.user.UserProjection;
import dev.identity.command.session.PasswordAuthenticator;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.IdentityException;
import dev.identity.events.user.ChangePassword;
import dev.identity.events.user.FetchUser;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.Registration;
import dev.identity.events.user.UserView;
import dev.identity.gateway.login.HashingPool;
import dev.identity.gateway.system.CommandSender;
import dev.identity.gateway.system.InvalidInputException;
import dev.identity.gateway.system.ReadYourWrites;
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

    public UserAccounts(CommandSender commands, QueryGateway queries, PasswordEncoder passwordEncoder,
                        ReadYourWrites readYourWrites, PasswordAuthenticator authenticator, HashingPool hashing) {
        this.commands = commands;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.readYourWrites = readYourWrites;
        this.authenticator = authenticator;
        this.hashing = hashing;
    }

    /**
     * Registers the user and returns it once the read model shows it.
     *
     * @param actor who asks for it; {@code null} when people register themselves (the new user is the actor)
     */
    public UserView register(String tenantId, NewUser user, Set<String> roles, String actor) {
        return awaitUser(tenantId, create(tenantId, user, roles, actor));
    }

    /** Registers the user without waiting for the read model; returns the new user's id. */
    public String create(String tenantId, NewUser user, Set<String> roles, String actor) {
        String userId = UUID.randomUUID().toString();
        String passwordHash = hashing.run(() -> passwordEncoder.encode(user.password()));
        Registration registeredBy = actor == null ? Registration.SELF
                : EventMetadata.SYSTEM_ACTOR.equals(actor) ? Registration.SYSTEM : Registration.ADMIN;
        RegisterUser command = new RegisterUser(userId, tenantId, user.email(), passwordHash, user.displayName(), roles,
                registeredBy);
        commands.send(command, actor == null ? userId : actor, ErrorCode.USER_NOT_FOUND);
        return userId;
    }

    /** Checks the current password, then stores the new one's hash. */
    public void changePassword(String tenantId, String userId, PasswordChange change) {
        if (!hashing.run(() -> authenticator.verify(tenantId, userId, change.currentPassword()))) {
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        String passwordHash = hashing.run(() -> passwordEncoder.encode(change.newPassword()));
        commands.send(new ChangePassword(userId, tenantId, passwordHash), ErrorCode.USER_NOT_FOUND);
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
        return readYourWrites.await(UserProjection.PROCESSING_GROUP, tenantId, userId, () -> find(tenantId, userId),
                        UserView::version)
                .orElseThrow(() -> notFound(userId));
    }

    private static IdentityException notFound(String userId) {
        return new IdentityException(ErrorCode.USER_NOT_FOUND, "User " + userId + " does not exist.");
    }
}
