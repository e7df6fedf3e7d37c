package dev.identity.command.tenant;

import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantSuspended;
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

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void createsTenant() {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant(TENANT, "acme", "Acme", false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void suspendsActiveTenant() {
        fixture.given(CREATED)
                .when(new SuspendTenant(TENANT))
                .expectEvents(new TenantSuspended(TENANT));
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
        fixture.given(new UserRegistered(TENANT, "t", "a@b.c", "{bcrypt}x", "A", Set.of()))
                .when(new SuspendTenant(TENANT))
                .expectNoEvents()
                .expectException(IncompatibleAggregateException.class);
    }
}
