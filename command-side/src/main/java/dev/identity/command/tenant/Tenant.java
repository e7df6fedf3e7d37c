package dev.identity.command.tenant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.ReactivateTenant;
import dev.identity.events.tenant.SuspendTenant;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Slug uniqueness is set-based and checked by {@code TenantDirectory} in the same transaction. */
@Aggregate
class Tenant {

    @AggregateIdentifier
    private String tenantId;
    private TenantStatus status;

    protected Tenant() {
    }

    @CommandHandler
    Tenant(CreateTenant command) {
        apply(new TenantCreated(command.tenantId(), command.slug(), command.name(), command.selfRegistration()));
    }

    @CommandHandler
    void handle(SuspendTenant command) {
        if (status == TenantStatus.ACTIVE) {
            apply(new TenantSuspended(tenantId));
        }
    }

    @CommandHandler
    void handle(ReactivateTenant command) {
        if (status == TenantStatus.SUSPENDED) {
            apply(new TenantReactivated(tenantId));
        }
    }

    @EventSourcingHandler
    void on(TenantCreated event) {
        tenantId = event.tenantId();
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantSuspended event) {
        status = TenantStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(TenantReactivated event) {
        status = TenantStatus.ACTIVE;
    }
}
