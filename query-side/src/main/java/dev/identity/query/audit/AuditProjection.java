package dev.identity.query.audit;

import dev.identity.query.publicview.PublicEvent;
import dev.identity.query.publicview.PublicEvents;
import dev.identity.query.system.ProjectionWrites;
import java.sql.Timestamp;
import java.sql.Types;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * One row per event, keyed by its global position: idempotent, and replays write the same rows.
 *
 * <p>The position is the event's own, read from its row in the event store. The tracking token handed to a
 * handler is no substitute: for an event that committed after a later one (two instances appending at once)
 * it holds the highest position seen, which is another event's. A second event under a position already
 * taken is therefore a fault, and fails (the key is the position; the event id only makes a redelivery a
 * no-op), instead of being dropped.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
public class AuditProjection {

    public static final String PROCESSING_GROUP = "audit";

    private static final String INSERT = """
            INSERT INTO audit_events (global_position, event_id, tenant_id, aggregate_type, aggregate_id,
                                      aggregate_sequence, event_type, occurred_at, actor, correlation_id, request_id,
                                      data)
            VALUES ((SELECT global_index FROM domain_event_entry WHERE event_identifier = :eventId), :eventId, :tenantId, :aggregateType, :aggregateId, :sequence, :type, :occurredAt, :actor,
                    :correlationId, :requestId, CAST(:data AS jsonb))
            ON CONFLICT (event_id) DO NOTHING""";

    private final ProjectionWrites.Lane writes;
    private final PublicEvents publicEvents;

    AuditProjection(ProjectionWrites writes, PublicEvents publicEvents) {
        this.writes = writes.lane(PROCESSING_GROUP);
        this.publicEvents = publicEvents;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        PublicEvent event = publicEvents.of(message, null);
        writes.add(
                INSERT,
                new MapSqlParameterSource()
                        .addValue("eventId", event.eventId())
                        // nullable values carry their SQL type, or the driver is asked for it (a round trip) per null
                        .addValue("tenantId", event.tenantId(), Types.VARCHAR)
                        .addValue("aggregateType", event.aggregateType(), Types.VARCHAR)
                        .addValue("aggregateId", event.aggregateId(), Types.VARCHAR)
                        .addValue("sequence", event.aggregateSequence(), Types.BIGINT)
                        .addValue("type", event.type())
                        .addValue("occurredAt", Timestamp.from(event.occurredAt()))
                        .addValue("actor", event.actor(), Types.VARCHAR)
                        .addValue("correlationId", event.correlationId(), Types.VARCHAR)
                        .addValue("requestId", event.requestId(), Types.VARCHAR)
                        .addValue("data", publicEvents.toJson(event.data())));
    }
}
