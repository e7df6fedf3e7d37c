package dev.identity.events.operations;

import dev.identity.events.common.TenantScoped;
import org.axonframework.serialization.Revision;

/**
 * An operator gave up on a parked event for one processor (see {@link EvictDeadLetter}). Belongs to no
 * aggregate; the actor in its metadata is the operator.
 *
 * @param eventType the evicted event's type (simple name)
 * @param aggregateId the evicted event's aggregate, if it has one
 */
@Revision("1")
public record DeadLetterEvicted(
        String tenantId,
        String processor,
        String sequence,
        String eventId,
        String eventType,
        String aggregateId,
        String reason)
        implements TenantScoped {}
