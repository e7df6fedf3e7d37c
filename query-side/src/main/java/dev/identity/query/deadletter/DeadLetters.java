package dev.identity.query.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the dead-letter queues hold, straight from their table: listing parked events needs none of
 * their payloads, which Axon's queue API would load and deserialize. A letter's place in its sequence is
 * counted here: the queue's own index only orders them, and where it starts depends on the queue.
 */
@Component
public class DeadLetters {

    private static final String LIST = """
            SELECT d.processing_group, d.sequence_identifier, d.event_identifier, e.global_index,
                   row_number() OVER (PARTITION BY d.processing_group, d.sequence_identifier
                                      ORDER BY d.sequence_index) - 1 AS place,
                   d.payload_type, d.type, d.aggregate_identifier, d.sequence_number, d.cause_type, d.cause_message,
                   d.enqueued_at, d.last_touched, d.diagnostics
            FROM dead_letter_entry d
            LEFT JOIN domain_event_entry e ON e.event_identifier = d.event_identifier
            WHERE (CAST(:processor AS varchar) IS NULL OR d.processing_group = :processor)
              AND (CAST(:sequence AS varchar) IS NULL OR d.sequence_identifier = :sequence)
            ORDER BY d.processing_group, d.sequence_identifier, d.sequence_index
            LIMIT :limit""";

    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();

    DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parked events, by processor, sequence and place in it; of one processor, and one of its sequences, when
     * they are given (null for all).
     */
    public List<DeadLetterView> list(String processor, String sequence, int limit) {
        return jdbc.sql(LIST)
                .param("processor", processor)
                .param("sequence", sequence)
                .param("limit", limit)
                .query(this::view)
                .list();
    }

    /** How many events each processor has parked; processors with none are absent. */
    public Map<String, Long> countsByProcessor() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")
                .query(row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    /** Whether the processor has parked any of these sequences. */
    public boolean parked(String processor, List<String> sequences) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM dead_letter_entry
                                       WHERE processing_group = :processor AND sequence_identifier IN (:sequences))""")
                .param("processor", processor)
                .param("sequences", sequences)
                .query(Boolean.class)
                .single();
    }

    private DeadLetterView view(ResultSet row, int number) throws SQLException {
        String payloadType = row.getString("payload_type");
        return new DeadLetterView(
                row.getString("processing_group"),
                row.getString("sequence_identifier"),
                row.getLong("place"),
                row.getString("event_identifier"),
                row.getObject("global_index", Long.class),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                row.getString("type"),
                row.getString("aggregate_identifier"),
                row.getObject("sequence_number", Long.class),
                row.getString("cause_type"),
                row.getString("cause_message"),
                instant(row, "enqueued_at"),
                instant(row, "last_touched"),
                attempts(row.getBytes("diagnostics")));
    }

    /** The queue stores its instants as ISO-8601 text (V1001). */
    private static Instant instant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    /** Diagnostics are the JSON map {@link DeadLetterPolicy} writes its count of attempts into. */
    private long attempts(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            return json.readTree(diagnostics).path(DeadLetterPolicy.ATTEMPTS).asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
