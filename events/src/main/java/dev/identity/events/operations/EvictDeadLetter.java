package dev.identity.events.operations;

import dev.identity.events.common.TenantScoped;

/**
 * Gives up on one parked event for one processor: that processor will never apply it. The tenant is the
 * operator's (the platform tenant), under whose name the eviction is audited.
 *
 * @param processor the event processor whose dead-letter queue holds it
 * @param sequence the parked sequence (an aggregate id, or a tenant id for the users projection)
 * @param eventId the parked event
 * @param reason why, in the operator's words
 */
public record EvictDeadLetter(String tenantId, String processor, String sequence, String eventId, String reason)
        implements TenantScoped {}
