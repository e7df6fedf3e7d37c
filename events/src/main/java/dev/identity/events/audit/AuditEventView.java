package dev.identity.events.audit;

import java.time.Instant;
import java.util.Map;

/** One event as audit teams see it: its place, its metadata and its data, without secrets. */
public record AuditEventView(
        long globalPosition,
        String eventId,
        String tenantId,
        String aggregateType,
        String aggregateId,
        Long aggregateSequence,
        String type,
        Instant occurredAt,
        String actor,
        String correlationId,
        String requestId,
        Map<String, Object> data) {}
