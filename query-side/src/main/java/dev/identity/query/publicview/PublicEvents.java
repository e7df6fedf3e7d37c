package dev.identity.query.publicview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.SecretFields;
import dev.identity.events.common.TenantScoped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.stereotype.Component;

/**
 * Turns an internal event into its {@link PublicEvent}. Fields that hold secrets (password and token
 * hashes) are removed whatever event they appear in, so a new event cannot leak one by accident.
 */
@Component
public class PublicEvents {

    /** Its own mapper: the public format must not follow the web layer's {@code spring.jackson.*} settings. */
    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final RevisionResolver revisions = new AnnotationRevisionResolver();

    /**
     * @param globalPosition the event's own position in the event store ({@link EventPositions}), or null where
     *                       the caller does not expose one
     */
    public PublicEvent of(EventMessage<?> event, Long globalPosition) {
        Object payload = event.getPayload();
        ObjectNode data = json.valueToTree(payload);
        data.remove(SecretFields.NAMES);
        String revision = revisions.revisionOf(event.getPayloadType());
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        return new PublicEvent(
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                revision == null ? 1 : Integer.parseInt(revision),
                payload instanceof TenantScoped scoped ? scoped.tenantId() : metadata(event, EventMetadata.TENANT_ID),
                domain == null ? null : domain.getType(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                globalPosition,
                event.getTimestamp(),
                metadata(event, EventMetadata.ACTOR),
                metadata(event, EventMetadata.CORRELATION_ID),
                metadata(event, EventMetadata.REQUEST_ID),
                data);
    }

    /** JSON in the public format: the same mapper writes the stream's envelopes and the audit trail's data. */
    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String metadata(EventMessage<?> event, String key) {
        return (String) event.getMetaData().get(key);
    }
}
