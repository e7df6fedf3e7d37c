package dev.identity.gateway.stream;

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
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.stereotype.Component;

/**
 * Turns an internal event into its public envelope. Fields that hold secrets (password and token hashes)
 * are removed whatever event they appear in, so a new event cannot leak one by accident.
 */
@Component
public class EnvelopeMapper {

    /** Its own mapper: the public format must not follow the web layer's {@code spring.jackson.*} settings. */
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final RevisionResolver revisions = new AnnotationRevisionResolver();

    public String toJson(EventEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the envelope of event " + envelope.eventId(), e);
        }
    }

    public EventEnvelope toEnvelope(EventMessage<?> event, TrackingToken token) {
        ObjectNode data = json.valueToTree(event.getPayload());
        data.remove(SecretFields.NAMES);
        String revision = revisions.revisionOf(event.getPayloadType());
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        String tenantId = event.getPayload() instanceof TenantScoped scoped ? scoped.tenantId()
                : (String) event.getMetaData().get(EventMetadata.TENANT_ID);
        return new EventEnvelope(EventEnvelope.ENVELOPE_VERSION, event.getIdentifier(),
                event.getPayloadType().getSimpleName(), revision == null ? 1 : Integer.parseInt(revision), tenantId,
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? -1 : domain.getSequenceNumber(),
                token == null || token.position().isEmpty() ? null : token.position().getAsLong(),
                event.getTimestamp(), (String) event.getMetaData().get(EventMetadata.ACTOR),
                (String) event.getMetaData().get(EventMetadata.CORRELATION_ID),
                (String) event.getMetaData().get(EventMetadata.REQUEST_ID), data);
    }
}
