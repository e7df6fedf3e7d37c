package dev.identity.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.SecretFields;
import dev.identity.events.common.TenantScoped;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per event, keyed by its global position: idempotent, and replays write the same rows. */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
public class AuditProjection {

    public static final String PROCESSING_GROUP = "audit";

    private final JdbcClient jdbc;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    AuditProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) throws Exception {
        ObjectNode data = json.valueToTree(payload);
        data.remove(SecretFields.NAMES);
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        jdbc.sql("""
                        INSERT INTO audit_events (global_position, event_id, tenant_id, aggregate_type, aggregate_id,
                                                  aggregate_sequence, event_type, occurred_at, actor, correlation_id,
                                                  request_id, data)
                        VALUES (:position, :eventId, :tenantId, :aggregateType, :aggregateId, :sequence, :type,
                                :occurredAt, :actor, :correlationId, :requestId, CAST(:data AS jsonb))
                        ON CONFLICT (global_position) DO NOTHING""")
                .param("position", token.position().orElseThrow())
                .param("eventId", event.getIdentifier())
                .param("tenantId", payload instanceof TenantScoped scoped ? scoped.tenantId()
                        : event.getMetaData().get(EventMetadata.TENANT_ID))
                .param("aggregateType", domain == null ? null : domain.getType())
                .param("aggregateId", domain == null ? null : domain.getAggregateIdentifier())
                .param("sequence", domain == null ? null : domain.getSequenceNumber())
                .param("type", event.getPayloadType().getSimpleName())
                .param("occurredAt", Timestamp.from(event.getTimestamp()))
                .param("actor", event.getMetaData().get(EventMetadata.ACTOR))
                .param("correlationId", event.getMetaData().get(EventMetadata.CORRELATION_ID))
                .param("requestId", event.getMetaData().get(EventMetadata.REQUEST_ID))
                .param("data", json.writeValueAsString(data))
                .update();
    }
}
