package dev.identity.command.user;

import dev.identity.command.RejectedWith;
import dev.identity.command.tenant.ActiveTenantInterceptor;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.DeactivateUser;
import dev.identity.events.user.ReactivateUser;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import java.util.HashMap;
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
            new UserRegistered(USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member"));

    private final Map<String, TenantStatus> tenants = new HashMap<>();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        tenants.put(TENANT, TenantStatus.ACTIVE);
        tenants.put(OTHER_TENANT, TenantStatus.ACTIVE);
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandHandlerInterceptor(
                new ActiveTenantInterceptor(tenantId -> Optional.ofNullable(tenants.get(tenantId))));
    }

    @Test
    void registersUser() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void cannotRegisterIntoSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, TENANT, "ada@example.com", HASH, "Ada", Set.of("member")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_SUSPENDED));
    }

    @Test
    void cannotRegisterIntoUnknownTenant() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, "no-such-tenant", "ada@example.com", HASH, "Ada", Set.of("member")))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.TENANT_NOT_FOUND));
    }

    @Test
    void deactivatesActiveUser() {
        fixture.given(REGISTERED)
                .when(new DeactivateUser(USER, TENANT))
                .expectEvents(new UserDeactivated(USER, TENANT));
    }

    @Test
    void deactivatingDeactivatedUserChangesNothing() {
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT))
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
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT))
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
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT))
                .when(new ReactivateUser(USER, OTHER_TENANT))
                .expectNoEvents()
                .expectException(RejectedWith.code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void cannotReactivateUserOfSuspendedTenant() {
        tenants.put(TENANT, TenantStatus.SUSPENDED);
        fixture.given(REGISTERED, new UserDeactivated(USER, TENANT))
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
}
