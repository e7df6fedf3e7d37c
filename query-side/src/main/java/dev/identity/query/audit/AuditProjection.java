package dev.identity.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.SecretFields;
import dev.identity.events.common.TenantScoped;
import dev.identity.query.system.ProjectionWrites;
import java.sql.Timestamp;
import java.sql.Types;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** One row per event, keyed by its global position: idempotent, and replays write the same rows. */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
public class AuditProjection {

    public static final String PROCESSING_GROUP = "audit";

    private static final String INSERT = """
            INSERT INTO audit_events (global_position, event_id, tenant_id, aggregate_type, aggregate_id,
                                      aggregate_sequence, event_type, occurred_at, actor, correlation_id, request_id,
                                      data)
            VALUES (:position, :eventId, :tenantId, :aggregateType, :aggregateId, :sequence, :type, :occurredAt, :actor,
                    :correlationId, :requestId, CAST(:data AS jsonb))
            ON CONFLICT (global_position) DO NOTHING""";

    private final ProjectionWrites writes;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    AuditProjection(ProjectionWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) throws Exception {
        ObjectNode data = json.valueToTree(payload);
        data.remove(SecretFields.NAMES);
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        writes.add(INSERT, new MapSqlParameterSource()
                .addValue("position", token.position().orElseThrow())
                .addValue("eventId", event.getIdentifier())
                // nullable values carry their SQL type, or the driver is asked for it (a round trip) per null
                .addValue("tenantId", payload instanceof TenantScoped scoped ? scoped.tenantId()
                        : event.getMetaData().get(EventMetadata.TENANT_ID), Types.VARCHAR)
                .addValue("aggregateType", domain == null ? null : domain.getType(), Types.VARCHAR)
                .addValue("aggregateId", domain == null ? null : domain.getAggregateIdentifier(), Types.VARCHAR)
                .addValue("sequence", domain == null ? null : domain.getSequenceNumber(), Types.BIGINT)
                .addValue("type", event.getPayloadType().getSimpleName())
                .addValue("occurredAt", Timestamp.from(event.getTimestamp()))
                .addValue("actor", event.getMetaData().get(EventMetadata.ACTOR), Types.VARCHAR)
                .addValue("correlationId", event.getMetaData().get(EventMetadata.CORRELATION_ID), Types.VARCHAR)
                .addValue("requestId", event.getMetaData().get(EventMetadata.REQUEST_ID), Types.VARCHAR)
                .addValue("data", json.writeValueAsString(data)));
    }
}
