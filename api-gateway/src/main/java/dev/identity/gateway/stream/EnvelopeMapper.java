package dev.identity.gateway.stream;

import dev.identity.query.publicview.PublicEvent;
import dev.identity.query.publicview.PublicEvents;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** Turns an internal event into its public envelope: its {@link PublicEvent}, versioned. */
@Component
public class EnvelopeMapper {

    private final PublicEvents publicEvents;

    EnvelopeMapper(PublicEvents publicEvents) {
        this.publicEvents = publicEvents;
    }

    public String toJson(EventEnvelope envelope) {
        return publicEvents.toJson(envelope);
    }

    /** @param globalPosition the event's own position in the event store, never a tracking token's */
    public EventEnvelope toEnvelope(EventMessage<?> message, Long globalPosition) {
        PublicEvent event = publicEvents.of(message, globalPosition);
        return new EventEnvelope(
                EventEnvelope.ENVELOPE_VERSION,
                event.eventId(),
                event.type(),
                event.revision(),
                event.tenantId(),
                event.aggregateType(),
                event.aggregateId(),
                event.aggregateSequence() == null ? -1 : event.aggregateSequence(),
                event.globalPosition(),
                event.occurredAt(),
                event.actor(),
                event.correlationId(),
                event.requestId(),
                event.data());
    }
}
