package dev.identity.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The public record of one event, schema version 1 (docs/events.md). Consumers deduplicate on
 * {@code eventId}; order holds per {@code aggregateId} (the record key).
 *
 * @param type the event's name, such as {@code UserRegistered}
 * @param version the version of {@code data}'s shape for this type
 */
public record EventEnvelope(
        int envelopeVersion,
        String eventId,
        String type,
        int version,
        String tenantId,
        String aggregateType,
        String aggregateId,
        long aggregateSequence,
        Long globalPosition,
        Instant timestamp,
        String actor,
        String correlationId,
        String requestId,
        JsonNode data) {

    public static final int ENVELOPE_VERSION = 1;
}
