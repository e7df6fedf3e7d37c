package dev.identity.query.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectionAppliedTest {

    @Test
    void payloadNamesTheProcessorAndEveryAggregateWithItsLatestSequenceWhenTheyFit() {
        Map<String, Long> sequences = new LinkedHashMap<>();
        sequences.put("a1", 3L);
        sequences.put("b2", 0L);
        String payload = ProjectionApplied.payload("users", sequences);

        assertThat(payload).isEqualTo("users a1:3 b2:0");
        assertThat(ProjectionApplied.parse(payload)).isEqualTo(new ProjectionApplied.Batch("users", false, sequences));
    }

    @Test
    void anIdWithoutASequenceAsEarlierInstancesSendItHasAnUnknownOne() {
        ProjectionApplied.Batch batch = ProjectionApplied.parse("users a1 b:2:7 c:x");

        assertThat(batch.sequences())
                .containsExactly(
                        entry("a1", ProjectionApplied.UNKNOWN_SEQUENCE),
                        entry("b:2", 7L),
                        entry("c:x", ProjectionApplied.UNKNOWN_SEQUENCE));
    }

    @Test
    void payloadOfABatchTooLargeForPostgresNamesEveryAggregate() {
        Map<String, Long> ids = new LinkedHashMap<>();
        IntStream.range(0, 500).forEach(i -> ids.put(UUID.randomUUID().toString(), 1L));
        String payload = ProjectionApplied.payload("audit", ids);

        assertThat(payload).isEqualTo("audit *");
        assertThat(ProjectionApplied.parse(payload)).isEqualTo(new ProjectionApplied.Batch("audit", true, Map.of()));
    }

    @Test
    void payloadJustUnderTheLimitKeepsItsIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        String processor = "sessions";
        int bytes = processor.length();
        while (bytes + 1 + 36 + 3 <= ProjectionApplied.MAX_PAYLOAD_BYTES) {
            String id = UUID.randomUUID().toString();
            ids.put(id, 42L);
            bytes += 1 + id.length() + 3;
        }
        String payload = ProjectionApplied.payload(processor, ids);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        assertThat(ProjectionApplied.parse(payload).sequences()).isEqualTo(ids);
        ids.put(UUID.randomUUID().toString(), 42L);
        assertThat(ProjectionApplied.payload(processor, ids)).isEqualTo("sessions *");
    }

    @Test
    void idsThatCannotBeListedNameEveryAggregate() {
        assertThat(ProjectionApplied.payload("users", Map.of("has space", 1L))).isEqualTo("users *");
        assertThat(ProjectionApplied.payload("users", Map.of("*", 1L))).isEqualTo("users *");
        assertThat(ProjectionApplied.payload("users", Map.of("", 1L))).isEqualTo("users *");
    }

    @Test
    void processorNamesAreOneWord() {
        assertThatThrownBy(() -> new ProjectionApplied("two words", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A processor name must be one word: 'two words'");
    }
}
