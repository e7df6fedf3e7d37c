package dev.identity.command.tenant;

import dev.identity.command.RejectedWith;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.tenant.DefineRole;
import dev.identity.events.tenant.DeleteRole;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.RoleDefined;
import dev.identity.events.tenant.RoleDeleted;
import dev.identity.events.tenant.RolePermissionsChanged;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantSuspended;
import dev.identity.events.user.Registration;
import dev.identity.events.user.UserRegistered;
import java.util.Set;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantTest {

    private static final String TENANT = "tenant-1";
    private static final TenantCreated CREATED = new TenantCreated(TENANT, "acme", "Acme", false);
    private static final String ROLE = "support";
    private static final Set<String> SUPPORT_PERMISSIONS = Set.of("users:read", "sessions:revoke");
    private static final RoleDefined SUPPORT_DEFINED = new RoleDefined(TENANT, ROLE, SUPPORT_PERMISSIONS);

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void suspendsActiveTenant() {
        fixture.given(CREATED).when(new SuspendTenant(TENANT)).expectEvents(new TenantSuspended(TENANT));
    }

    @Test
    void suspendingSuspendedTenantChangesNothing() {
        fixture.given(CREATED, new TenantSuspended(TENANT))
                .when(new SuspendTenant(TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reactivatesSuspendedTenant() {
        fixture.given(CREATED, new TenantSuspended(TENANT))
                .when(new ReactivateTenant(TENANT))
                .expectEvents(new TenantReactivated(TENANT));
    }

    @Test
    void reactivatingActiveTenantChangesNothing() {
        fixture.given(CREATED)
                .when(new ReactivateTenant(TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotSuspendUnknownTenant() {
        fixture.givenNoPriorActivity()
                .when(new SuspendTenant(TENANT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void cannotReactivateUnknownTenant() {
        fixture.givenNoPriorActivity()
                .when(new ReactivateTenant(TENANT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    /** Axon refuses to load another kind of aggregate; the gateway answers it as an unknown id. */
    @Test
    void idOfAnotherAggregateKindIsAnUnknownTenant() {
        fixture.given(new UserRegistered(TENANT, "t", "a@b.c", "{bcrypt}x", "A", Set.of(), Registration.ADMIN))
                .when(new SuspendTenant(TENANT))
                .expectNoEvents()
                .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void definesNewRole() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, ROLE, SUPPORT_PERMISSIONS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(SUPPORT_DEFINED)
                .expectResultMessagePayload(true);
    }

    @Test
    void definesRoleWithoutPermissions() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, ROLE, Set.of()))
                .expectEvents(new RoleDefined(TENANT, ROLE, Set.of()))
                .expectResultMessagePayload(true);
    }

    @Test
    void definesRoleWithEveryTenantPermission() {
        Set<String> all = Set.of(
                "tenant:read",
                "users:read",
                "users:write",
                "roles:assign",
                "roles:manage",
                "sessions:revoke",
                "audit:read");
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, ROLE, all))
                .expectEvents(new RoleDefined(TENANT, ROLE, all))
                .expectResultMessagePayload(true);
    }

    @Test
    void redefiningRoleWithOtherPermissionsChangesThem() {
        Set<String> changed = Set.of("users:read", "users:write");
        fixture.given(CREATED, SUPPORT_DEFINED)
                .when(new DefineRole(TENANT, ROLE, changed))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RolePermissionsChanged(TENANT, ROLE, changed))
                .expectResultMessagePayload(false);
    }

    @Test
    void redefiningRoleComparesWithItsLatestPermissions() {
        Set<String> changed = Set.of("users:read", "users:write");
        fixture.given(CREATED, SUPPORT_DEFINED, new RolePermissionsChanged(TENANT, ROLE, changed))
                .when(new DefineRole(TENANT, ROLE, SUPPORT_PERMISSIONS))
                .expectEvents(new RolePermissionsChanged(TENANT, ROLE, SUPPORT_PERMISSIONS))
                .expectResultMessagePayload(false);
    }

    @Test
    void redefiningRoleWithSamePermissionsChangesNothing() {
        fixture.given(CREATED, SUPPORT_DEFINED)
                .when(new DefineRole(TENANT, ROLE, Set.of("sessions:revoke", "users:read")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void redefiningDeletedRoleDefinesItAnew() {
        fixture.given(CREATED, SUPPORT_DEFINED, new RoleDeleted(TENANT, ROLE))
                .when(new DefineRole(TENANT, ROLE, SUPPORT_PERMISSIONS))
                .expectEvents(SUPPORT_DEFINED)
                .expectResultMessagePayload(true);
    }

    @Test
    void cannotDefineBuiltInTenantAdminRole() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, "tenant-admin", Set.of("users:read")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }

    @Test
    void cannotDefineBuiltInMemberRole() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, "member", Set.of()))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }

    @Test
    void cannotDefineBuiltInPlatformAdminRole() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, "platform-admin", Set.of()))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }

    @Test
    void cannotDefineRoleWithUnknownPermission() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, ROLE, Set.of("users:read", "users:delete")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.INVALID_PERMISSION));
    }

    @Test
    void cannotDefineRoleGrantingTenantManagement() {
        fixture.given(CREATED)
                .when(new DefineRole(TENANT, ROLE, Set.of("users:read", "tenants:manage")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.INVALID_PERMISSION));
    }

    @Test
    void cannotChangeRoleToGrantTenantManagement() {
        fixture.given(CREATED, SUPPORT_DEFINED)
                .when(new DefineRole(TENANT, ROLE, Set.of("tenants:manage")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.INVALID_PERMISSION));
    }

    @Test
    void cannotDefineRoleOfUnknownTenant() {
        fixture.givenNoPriorActivity()
                .when(new DefineRole(TENANT, ROLE, SUPPORT_PERMISSIONS))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void deletesDefinedRole() {
        fixture.given(CREATED, SUPPORT_DEFINED)
                .when(new DeleteRole(TENANT, ROLE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleDeleted(TENANT, ROLE));
    }

    @Test
    void cannotDeleteUnknownRole() {
        fixture.given(CREATED, SUPPORT_DEFINED)
                .when(new DeleteRole(TENANT, "auditors-plus"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.ROLE_NOT_FOUND));
    }

    @Test
    void cannotDeleteRoleTwice() {
        fixture.given(CREATED, SUPPORT_DEFINED, new RoleDeleted(TENANT, ROLE))
                .when(new DeleteRole(TENANT, ROLE))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.ROLE_NOT_FOUND));
    }

    @Test
    void cannotDeleteBuiltInRole() {
        fixture.given(CREATED)
                .when(new DeleteRole(TENANT, "member"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }

    @Test
    void cannotDeleteBuiltInTenantAdminRole() {
        fixture.given(CREATED)
                .when(new DeleteRole(TENANT, "tenant-admin"))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.BUILT_IN_ROLE));
    }
}
