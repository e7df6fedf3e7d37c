package dev.identity.query.publicview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An event as it may be shown outside the event store: its metadata, and its data without secret fields.
 *
 * @param revision the payload's revision (1 when it declares none)
 * @param tenantId the payload's tenant, or else the tenant of the request that caused it
 * @param aggregateSequence null for an event that belongs to no aggregate
 * @param globalPosition its position in the event store, when known
 */
public record PublicEvent(
        String eventId,
        String type,
        int revision,
        String tenantId,
        String aggregateType,
        String aggregateId,
        Long aggregateSequence,
        Long globalPosition,
        Instant occurredAt,
        String actor,
        String correlationId,
        String requestId,
        ObjectNode data) {}
