package dev.identity.query.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectionAppliedTest {

    @Test
    void payloadNamesTheProcessorAndEveryAggregateWhenTheyFit() {
        Set<String> ids = new LinkedHashSet<>(List.of("a1", "b2"));
        String payload = ProjectionApplied.payload("users", ids);

        assertThat(payload).isEqualTo("users a1 b2");
        assertThat(ProjectionApplied.parse(payload))
                .isEqualTo(new ProjectionApplied.Batch("users", false, ids));
    }

    @Test
    void payloadOfABatchTooLargeForPostgresNamesEveryAggregate() {
        Set<String> ids = new LinkedHashSet<>();
        IntStream.range(0, 500).forEach(i -> ids.add(UUID.randomUUID().toString()));
        String payload = ProjectionApplied.payload("audit", ids);

        assertThat(payload).isEqualTo("audit *");
        assertThat(ProjectionApplied.parse(payload)).isEqualTo(new ProjectionApplied.Batch("audit", true, Set.of()));
    }

    @Test
    void payloadJustUnderTheLimitKeepsItsIds() {
        Set<String> ids = new LinkedHashSet<>();
        String processor = "sessions";
        int bytes = processor.length();
        while (bytes + 1 + 36 <= ProjectionApplied.MAX_PAYLOAD_BYTES) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            bytes += 1 + id.length();
        }
        String payload = ProjectionApplied.payload(processor, ids);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        assertThat(ProjectionApplied.parse(payload).aggregateIds()).isEqualTo(ids);
    }

    @Test
    void idsThatCannotBeListedNameEveryAggregate() {
        assertThat(ProjectionApplied.payload("users", Set.of("has space"))).isEqualTo("users *");
        assertThat(ProjectionApplied.payload("users", Set.of("*"))).isEqualTo("users *");
        assertThat(ProjectionApplied.payload("users", Set.of(""))).isEqualTo("users *");
    }

    @Test
    void processorNamesAreOneWord() {
        assertThatThrownBy(() -> new ProjectionApplied("two words", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A processor name must be one word: 'two words'");
    }
}
