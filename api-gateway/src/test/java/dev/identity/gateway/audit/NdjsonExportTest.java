package dev.identity.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The export's writer with a source that fails half way: no real failure of the audit query can be induced cleanly. */
class NdjsonExportTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writeWhenSourceFailsHalfWayThenStreamEndsWithAnErrorLine() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Consumer<Consumer<Map<String, Object>>> source = sink -> {
            sink.accept(Map.of("globalPosition", 1));
            sink.accept(Map.of("globalPosition", 2));
            throw new IllegalStateException("connection lost");
        };
        new NdjsonExport(json).write(output, source);

        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(json.readTree(lines.get(1)).path("globalPosition").asInt()).isEqualTo(2);
        JsonNode error = json.readTree(lines.get(2)).path("error");
        assertThat(error.path("code").asText()).isEqualTo("EXPORT_FAILED");
        assertThat(error.path("detail").asText()).isNotBlank().doesNotContain("connection lost");
    }

    @Test
    void writeWhenSourceCompletesThenOnlyEventLines() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Consumer<Consumer<Map<String, Object>>> source = sink -> sink.accept(Map.of("globalPosition", 1));
        new NdjsonExport(json).write(output, source);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("{\"globalPosition\":1}\n");
    }
}
