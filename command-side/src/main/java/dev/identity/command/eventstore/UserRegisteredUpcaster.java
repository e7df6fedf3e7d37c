package dev.identity.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.user.Registration;
import dev.identity.events.user.UserRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code UserRegistered} revision 1 to 2: adds {@code registeredBy}. Old events recorded who caused them
 * in their metadata, so it is derived, not guessed: the new user themself is {@code SELF}, the
 * {@code system} actor is {@code SYSTEM}, anyone else {@code ADMIN}.
 */
@Component
@Order(0)
public class UserRegisteredUpcaster extends SingleEventUpcaster {

    private static final String TYPE = UserRegistered.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Object actor = event.getMetaData().getObject().get(EventMetadata.ACTOR);
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.put(
                    "registeredBy",
                    registration(actor, upcast.path("userId").asText()).name());
            return upcast;
        });
    }

    static Registration registration(Object actor, String userId) {
        if (EventMetadata.SYSTEM_ACTOR.equals(actor)) {
            return Registration.SYSTEM;
        }
        return userId.equals(actor) ? Registration.SELF : Registration.ADMIN;
    }
}
