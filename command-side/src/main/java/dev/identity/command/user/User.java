package dev.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.identity.command.directory.SelfRegistrations;
import dev.identity.command.eventstore.Snapshots;
import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.user.AccountLockedOut;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.AssignRole;
import dev.identity.events.user.ChangePassword;
import dev.identity.events.user.DeactivateUser;
import dev.identity.events.user.EndAllSessions;
import dev.identity.events.user.LoginFailed;
import dev.identity.events.user.PasswordChangeFailed;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.PasswordRehashed;
import dev.identity.events.user.ReactivateUser;
import dev.identity.events.user.RecordFailedLogin;
import dev.identity.events.user.RecordFailedPasswordChange;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.Registration;
import dev.identity.events.user.RehashPassword;
import dev.identity.events.user.RevokeRole;
import dev.identity.events.user.RoleAssigned;
import dev.identity.events.user.RoleRevoked;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import dev.identity.events.user.UserStatus;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Email uniqueness per tenant is set-based and checked by {@code AccountDirectory} in the same transaction.
 * The credential epoch counts the changes that end the user's sessions (a password change, a deactivation,
 * ending them all): a session records the epoch it started in, and stands only while the user has not moved on.
 */
@Aggregate(repository = UserRepositoryConfiguration.REPOSITORY)
@Revision(Snapshots.REVISION)
class User {

    @AggregateIdentifier
    private String userId;

    private String tenantId;
    private UserStatus status;
    private long credentialEpoch;
    private final Set<String> roles = new HashSet<>();

    protected User() {}

    /** Self-registration is checked here, next to the suspended-tenant rule, not by the caller. */
    @CommandHandler
    User(RegisterUser command, SelfRegistrations selfRegistrations) {
        if (command.registeredBy() == Registration.SELF && !selfRegistrations.openIn(command.tenantId())) {
            throw new IdentityException(
                    ErrorCode.SELF_REGISTRATION_DISABLED,
                    "This tenant does not allow self-registration; ask its administrator for an account.");
        }
        apply(new UserRegistered(
                command.userId(),
                command.tenantId(),
                command.email(),
                command.passwordHash(),
                command.displayName(),
                command.roles(),
                command.registeredBy()));
    }

    @CommandHandler
    void handle(DeactivateUser command) {
        requireTenant(command.userId(), command.tenantId());
        if (status == UserStatus.ACTIVE) {
            apply(new UserDeactivated(userId, tenantId, credentialEpoch + 1));
        }
    }

    @CommandHandler
    void handle(ReactivateUser command) {
        requireTenant(command.userId(), command.tenantId());
        if (status == UserStatus.DEACTIVATED) {
            apply(new UserReactivated(userId, tenantId));
        }
    }

    /** Handled by {@link PasswordChanges}, which carries the caller's session over in the same unit of work. */
    long changePassword(ChangePassword command) {
        requireTenant(command.userId(), command.tenantId());
        apply(new PasswordChanged(userId, tenantId, command.passwordHash(), credentialEpoch + 1));
        return credentialEpoch;
    }

    /**
     * Dropped when the user has moved to another epoch since the password was checked: after a password change
     * it would bring the old password back. The epoch stays: it is the same password, and no session ends.
     */
    @CommandHandler
    void handle(RehashPassword command) {
        requireTenant(command.userId(), command.tenantId());
        if (command.credentialEpoch() == credentialEpoch) {
            apply(new PasswordRehashed(userId, tenantId, command.passwordHash()));
        }
    }

    @CommandHandler
    void handle(EndAllSessions command) {
        requireTenant(command.userId(), command.tenantId());
        apply(new AllSessionsEnded(userId, tenantId, credentialEpoch + 1));
    }

    /** Audit only: the throttling itself lives in the gateway, which also bounds how often this is sent. */
    @CommandHandler
    void handle(RecordFailedLogin command) {
        requireTenant(command.userId(), command.tenantId());
        apply(new LoginFailed(userId, tenantId, command.clientIp()));
        if (command.lockedUntil() != null) {
            apply(new AccountLockedOut(userId, tenantId, command.clientIp(), command.lockedUntil()));
        }
    }

    /** Audit only: a stolen access token guessing the current password leaves a trace; the gateway throttles it. */
    @CommandHandler
    void handle(RecordFailedPasswordChange command) {
        requireTenant(command.userId(), command.tenantId());
        apply(new PasswordChangeFailed(userId, tenantId, command.clientIp()));
    }

    /** Assigning a role the user has already is a no-op. Whether the role exists is checked by the directory. */
    @CommandHandler
    void handle(AssignRole command) {
        requireTenant(command.userId(), command.tenantId());
        if (BuiltInRole.byName(command.role())
                .filter(role -> !role.assignable())
                .isPresent()) {
            throw new IdentityException(
                    ErrorCode.ROLE_NOT_FOUND, "There is no assignable role '" + command.role() + "'.");
        }
        if (!roles.contains(command.role())) {
            apply(new RoleAssigned(userId, tenantId, command.role()));
        }
    }

    /** Platform admins are made at bootstrap only, so their role is never taken: it could not be given back. */
    @CommandHandler
    void handle(RevokeRole command) {
        requireTenant(command.userId(), command.tenantId());
        if (BuiltInRole.byName(command.role())
                .filter(role -> !role.assignable())
                .isPresent()) {
            throw new IdentityException(
                    ErrorCode.BUILT_IN_ROLE, "'" + command.role() + "' is never revoked: it could not be given back.");
        }
        if (roles.contains(command.role())) {
            apply(new RoleRevoked(userId, tenantId, command.role()));
        }
    }

    /** Another tenant's user is answered as if it did not exist, so ids cannot be probed across tenants. */
    private void requireTenant(String targetUserId, String commandTenantId) {
        if (!commandTenantId.equals(tenantId)) {
            throw new IdentityException(ErrorCode.USER_NOT_FOUND, "User " + targetUserId + " does not exist.");
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        tenantId = event.tenantId();
        status = UserStatus.ACTIVE;
        roles.addAll(event.roles());
    }

    @EventSourcingHandler
    void on(RoleAssigned event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(RoleRevoked event) {
        roles.remove(event.role());
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        status = UserStatus.DEACTIVATED;
        advanceEpoch(event.credentialEpoch());
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        advanceEpoch(event.credentialEpoch());
    }

    @EventSourcingHandler
    void on(AllSessionsEnded event) {
        advanceEpoch(event.credentialEpoch());
    }

    /** Events stored before epochs existed carry 0 and leave it as it is. */
    private void advanceEpoch(long epoch) {
        credentialEpoch = Math.max(credentialEpoch, epoch);
    }

    @EventSourcingHandler
    void on(UserReactivated event) {
        status = UserStatus.ACTIVE;
    }
}
