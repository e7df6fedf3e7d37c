package dev.identity.query.system;

import dev.identity.events.common.TenantScoped;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Sends all events of one tenant through the same segment. Per-aggregate order still holds (an aggregate
 * belongs to one tenant), and a tenant's statistics row is written by one segment only, so segments never
 * wait on each other's row locks or deadlock on them. The cost: one tenant's events are projected serially.
 */
public final class TenantSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return event.getPayload() instanceof TenantScoped scoped ? scoped.tenantId() : event.getIdentifier();
    }
}
