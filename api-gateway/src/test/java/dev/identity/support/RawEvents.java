package dev.identity.support;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes event rows straight into the event store, as Axon's JPA engine stores them (UTF-8 JSON in bytea):
 * for events the API would refuse today, or written the way an older version wrote them.
 */
public final class RawEvents {

    private RawEvents() {}

    /** The stored row: its event id and its global position. */
    public record Stored(String eventId, long globalIndex) {}

    /** A row at the next position of the global sequence. */
    public static Stored insert(
            JdbcClient jdbc,
            String aggregateType,
            String aggregateId,
            long sequence,
            Class<?> payloadType,
            String payloadJson,
            String tenantId) {
        long globalIndex = jdbc.sql("SELECT nextval('domain_event_entry_seq')")
                .query(Long.class)
                .single();
        return insertAt(jdbc, globalIndex, aggregateType, aggregateId, sequence, payloadType, payloadJson, tenantId);
    }

    /** A row at a position taken from the global sequence beforehand. */
    public static Stored insertAt(
            JdbcClient jdbc,
            long globalIndex,
            String aggregateType,
            String aggregateId,
            long sequence,
            Class<?> payloadType,
            String payloadJson,
            String tenantId) {
        String eventId = UUID.randomUUID().toString();
        String metadata = """
                {"actor":"system","tenantId":"%s","requestId":"raw-%s","correlationId":"raw-%s"}""".formatted(tenantId, eventId, eventId);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                            event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
                        VALUES (:globalIndex, :id, :sequence, :type, :eventId, :payloadType,
                            :revision, convert_to(:payload, 'UTF8'), convert_to(:metadata, 'UTF8'), :timestamp)""")
                .param("globalIndex", globalIndex)
                .param("id", aggregateId)
                .param("sequence", sequence)
                .param("type", aggregateType)
                .param("eventId", eventId)
                .param("payloadType", payloadType.getName())
                .param("revision", new AnnotationRevisionResolver().revisionOf(payloadType))
                .param("payload", payloadJson)
                .param("metadata", metadata)
                .param("timestamp", Instant.now().toString())
                .update();
        return new Stored(eventId, globalIndex);
    }

    /** The sequence number the aggregate's next event takes. */
    public static long nextSequence(JdbcClient jdbc, String aggregateId) {
        return jdbc.sql("SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregateId)
                .query(Long.class)
                .single();
    }
}
