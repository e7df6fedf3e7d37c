package dev.identity.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.command.RejectedWith;
import dev.identity.command.directory.SelfRegistrations;
import dev.identity.command.tenant.ActiveTenantInterceptor;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.AssignRole;
import dev.identity.events.user.ChangePassword;
import dev.identity.events.user.DeactivateUser;
import dev.identity.events.user.EndAllSessions;
import dev.identity.events.user.PasswordChangeFailed;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.PasswordRehashed;
import dev.identity.events.user.ReactivateUser;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String TENANT = "tenant-1";
    private static final String OTHER_TENANT = "tenant-2";
    private static final String USER = "user-1";
    private static final String HASH = "{bcrypt}$2a$10$abcdefghijklmnopqrstuv";
    private static final UserRegistered REGISTERED =
            new UserRegistered(USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.ADMIN);
    private static final String NEW_HASH = "{bcrypt}$2a$10$zyxwvutsrqponmlkjihgfe";
    private static final String ARGON2_HASH = "{argon2}$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    private final Map<String, TenantStatus> tenants = new HashMap<>();
    private final Set<String> openForSelfRegistration = new HashSet<>();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        tenants.put(TENANT, TenantStatus.ACTIVE);
        tenants.put(OTHER_TENANT, TenantStatus.ACTIVE);
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((SelfRegistrations) openForSelfRegistration::contains);
        fixture.registerCommandHandlerInterceptor(
                new ActiveTenantInterceptor(tenantId -> Optional.ofNullable(tenants.get(tenantId))));
        fixture.registerAnnotatedCommandHandler(new PasswordChanges(fixture.getRepository(), null));
    }

    @Test
    void registersUser() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void cannotRegisterIntoSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.ADMIN))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotRegisterIntoUnknownTenant() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        USER, "no-such-tenant", "ada@example.com", HASH, "Ada", Set.of("member"), Registration.ADMIN))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_NOT_FOUND));
    }

    @Test
    void deactivatesActiveUser() {
        fixture.given(REGISTERED)
                .when(new DeactivateUser(USER, TENANT))
                .expectEvents(new UserDeactivated(USER, TENANT, 1));
    }

    @Test
    void deactivatingDeactivatedUserChangesNothing() {
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT, 1))
                .when(new DeactivateUser(USER, TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotDeactivateUserOfAnotherTenant() {
        fixture.given(REGISTERED)
                .when(new DeactivateUser(USER, OTHER_TENANT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotDeactivateUserOfSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED)
                .when(new DeactivateUser(USER, TENANT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotDeactivateUnknownUser() {
        fixture.givenNoPriorActivity()
                .when(new DeactivateUser(USER, TENANT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void reactivatesDeactivatedUser() {
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT, 1))
                .when(new ReactivateUser(USER, TENANT))
                .expectEvents(new UserReactivated(USER, TENANT));
    }

    @Test
    void reactivatingActiveUserChangesNothing() {
        fixture.given(REGISTERED)
                .when(new ReactivateUser(USER, TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotReactivateUserOfAnotherTenant() {
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT, 1))
                .when(new ReactivateUser(USER, OTHER_TENANT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotReactivateUserOfSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT, 1))
                .when(new ReactivateUser(USER, TENANT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotReactivateUnknownUser() {
        fixture.givenNoPriorActivity()
                .when(new ReactivateUser(USER, TENANT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    /** Axon refuses to load another kind of aggregate; the gateway answers it as an unknown id. */
    @Test
    void idOfAnotherAggregateKindIsAnUnknownUser() {
        fixture.given(new TenantCreated(USER, "acme", "Acme", false))
                .when(new DeactivateUser(USER, TENANT))
                .expectNoEvents()
                .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void assignsRole() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, TENANT, "user-manager"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleAssigned(USER, TENANT, "user-manager"));
    }

    @Test
    void assignsCustomRole() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, TENANT, "support"))
                .expectEvents(new RoleAssigned(USER, TENANT, "support"));
    }

    @Test
    void assigningRoleGivenAtRegistrationChangesNothing() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, TENANT, "member"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void assigningRoleAssignedBeforeChangesNothing() {
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"))
                .when(new AssignRole(USER, TENANT, "auditor"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reassignsRevokedRole() {
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"), new RoleRevoked(USER, TENANT, "auditor"))
                .when(new AssignRole(USER, TENANT, "auditor"))
                .expectEvents(new RoleAssigned(USER, TENANT, "auditor"));
    }

    @Test
    void cannotAssignPlatformAdminRole() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, TENANT, "platform-admin"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.ROLE_NOT_FOUND));
    }

    @Test
    void cannotAssignRoleToUserOfAnotherTenant() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, OTHER_TENANT, "auditor"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    /** Another tenant's user is not found even for a role that would be refused anyway. */
    @Test
    void cannotProbeUserOfAnotherTenantWithPlatformAdminRole() {
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, OTHER_TENANT, "platform-admin"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotAssignRoleInSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED)
                .when(new AssignRole(USER, TENANT, "auditor"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotAssignRoleToUnknownUser() {
        fixture.givenNoPriorActivity()
                .when(new AssignRole(USER, TENANT, "auditor"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void revokesHeldRole() {
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"))
                .when(new RevokeRole(USER, TENANT, "auditor"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleRevoked(USER, TENANT, "auditor"));
    }

    @Test
    void revokesRoleGivenAtRegistration() {
        fixture.given(REGISTERED)
                .when(new RevokeRole(USER, TENANT, "member"))
                .expectEvents(new RoleRevoked(USER, TENANT, "member"));
    }

    @Test
    void revokingRoleNotHeldChangesNothing() {
        fixture.given(REGISTERED)
                .when(new RevokeRole(USER, TENANT, "auditor"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingRevokedRoleChangesNothing() {
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"), new RoleRevoked(USER, TENANT, "auditor"))
                .when(new RevokeRole(USER, TENANT, "auditor"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRevokeRoleOfUserOfAnotherTenant() {
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"))
                .when(new RevokeRole(USER, OTHER_TENANT, "auditor"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotRevokeRoleInSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED, new RoleAssigned(USER, TENANT, "auditor"))
                .when(new RevokeRole(USER, TENANT, "auditor"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void changesPassword() {
        fixture.given(REGISTERED)
                .when(new ChangePassword(USER, TENANT, NEW_HASH, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordChanged(USER, TENANT, NEW_HASH, 1));
    }

    @Test
    void rehashesPasswordWithoutMovingTheCredentialEpoch() {
        fixture.given(REGISTERED)
                .when(new RehashPassword(USER, TENANT, ARGON2_HASH, 0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordRehashed(USER, TENANT, ARGON2_HASH))
                .expectState(
                        user -> assertThat(user).extracting("credentialEpoch").isEqualTo(0L));
    }

    @Test
    void rehashCheckedBeforeAPasswordChangeIsDropped() {
        fixture.given(REGISTERED, new PasswordChanged(USER, TENANT, NEW_HASH, 1))
                .when(new RehashPassword(USER, TENANT, ARGON2_HASH, 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRehashPasswordOfUserOfAnotherTenant() {
        fixture.given(REGISTERED)
                .when(new RehashPassword(USER, OTHER_TENANT, ARGON2_HASH, 0))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotChangePasswordOfUserOfAnotherTenant() {
        fixture.given(REGISTERED)
                .when(new ChangePassword(USER, OTHER_TENANT, NEW_HASH, null))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotChangePasswordInSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED)
                .when(new ChangePassword(USER, TENANT, NEW_HASH, null))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void recordsAFailedPasswordChangeWithoutTheGuess() {
        fixture.given(REGISTERED)
                .when(new RecordFailedPasswordChange(USER, TENANT, "198.51.100.7"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordChangeFailed(USER, TENANT, "198.51.100.7"));
    }

    @Test
    void cannotRecordAFailedPasswordChangeOfUserOfAnotherTenant() {
        fixture.given(REGISTERED)
                .when(new RecordFailedPasswordChange(USER, OTHER_TENANT, "198.51.100.7"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotChangePasswordOfUnknownUser() {
        fixture.givenNoPriorActivity()
                .when(new ChangePassword(USER, TENANT, NEW_HASH, null))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void selfRegistrationNeedsATenantThatAllowsIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.SELF))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.SELF_REGISTRATION_DISABLED));
    }

    @Test
    void selfRegistersIntoAnOpenTenant() {
        openForSelfRegistration.add(TENANT);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(
                        USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.SELF))
                .expectEvents(new UserRegistered(
                        USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"), Registration.SELF));
    }

    @Test
    void everyCredentialChangeMovesTheEpochOn() {
        fixture.given(
                        REGISTERED,
                        new PasswordChanged(USER, TENANT, NEW_HASH, 1),
                        new UserDeactivated(USER, TENANT, 2),
                        new UserReactivated(USER, TENANT))
                .when(new EndAllSessions(USER, TENANT))
                .expectEvents(new AllSessionsEnded(USER, TENANT, 3));
    }

    @Test
    void reactivationKeepsTheEpoch() {
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT, 1), new UserReactivated(USER, TENANT))
                .when(new ChangePassword(USER, TENANT, NEW_HASH, null))
                .expectEvents(new PasswordChanged(USER, TENANT, NEW_HASH, 2));
    }

    /** Events stored before epochs existed read as epoch 0 and count nothing. */
    @Test
    void eventsWithoutAnEpochLeaveItAlone() {
        fixture.given(REGISTERED, new PasswordChanged(USER, TENANT, NEW_HASH, 0))
                .when(new DeactivateUser(USER, TENANT))
                .expectEvents(new UserDeactivated(USER, TENANT, 1));
    }

    @Test
    void endingAllSessionsWorksInASuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED)
                .when(new EndAllSessions(USER, TENANT))
                .expectEvents(new AllSessionsEnded(USER, TENANT, 1));
    }

    @Test
    void platformAdminIsNeverRevoked() {
        fixture.given(new UserRegistered(
                        USER, TENANT, "root@example.com", HASH, "Root", Set.of("platform-admin"), Registration.SYSTEM))
                .when(new RevokeRole(USER, TENANT, "platform-admin"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }
}
