package dev.identity.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.events.user.Registration;
import dev.identity.events.user.UserRegistered;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A revision-1 event, stored as JSON before revision 2 existed, read by today's code. */
class UserRegisteredUpcasterTest {

    private final Serializer serializer = new AxonConfiguration().serializer();

    @ParameterizedTest(name = "actor {0} -> {1}")
    @CsvSource({"u-1, SELF", "system, SYSTEM", "admin-7, ADMIN"})
    void revisionOneGetsRegisteredByFromItsActor(String actor, Registration expected) throws IOException {
        IntermediateEventRepresentation stored = revisionOne(actor);

        List<IntermediateEventRepresentation> upcast =
                new UserRegisteredUpcaster().upcast(Stream.of(stored)).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        UserRegistered event = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.get(0).getData(byte[].class).getData(),
                byte[].class,
                upcast.get(0).getType()));
        assertThat(event)
                .isEqualTo(new UserRegistered(
                        "u-1",
                        "t-1",
                        "old@example.com",
                        "{bcrypt}$2a$10$abcdefghijklmnopqrstuv",
                        "Old",
                        Set.of("member"),
                        expected));
    }

    private IntermediateEventRepresentation revisionOne(String actor) throws IOException {
        byte[] payload;
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/UserRegistered.v1.json")) {
            payload = fixture.readAllBytes();
        }
        byte[] metadata = serializer
                .serialize(MetaData.from(Map.of("actor", actor, "tenantId", "t-1")), byte[].class)
                .getData();
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "User",
                "u-1",
                0,
                "event-1",
                Instant.parse("2026-01-01T00:00:00Z"),
                UserRegistered.class.getName(),
                "1",
                payload,
                metadata);
        assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("registeredBy");
        return new InitialEventRepresentation(entry, serializer);
    }
}
