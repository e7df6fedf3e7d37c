package dev.identity.query.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Event processors' tokens read straight from Axon's token table, and deserialized with the serializer that
 * wrote them: every instance's segments, without claiming any. The processor status and a rebuild's switch
 * both read tokens this way, so they agree on where a processor stands.
 */
@Component
public class StoredTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One segment of a processor, as last stored by whichever instance claimed it. */
    public record Segment(String processor, String owner, TrackingToken token) {

        /** Every event up to it is processed; -1 before anything is. */
        public long position() {
            return token == null ? -1 : token.position().orElse(-1);
        }

        /**
         * Whether a reset is being replayed. A replay token stays in place until an event newer than the reset
         * arrives, so one that has reached its reset position no longer counts.
         */
        public boolean replaying() {
            return token instanceof ReplayToken && position() < resetPosition();
        }

        /** Where the replay of a reset ends; 0 when none runs. */
        public long resetPosition() {
            return token instanceof ReplayToken
                    ? ReplayToken.getTokenAtReset(token).orElse(0)
                    : 0;
        }
    }

    /** Every event up to it is processed, by every one of the segments; -1 before anything is. */
    public static long position(List<Segment> segments) {
        return segments.stream().mapToLong(Segment::position).min().orElse(-1);
    }

    /** Every processor's segments, by processor name, in segment order. */
    public Map<String, List<Segment>> byProcessor() {
        Map<String, List<Segment>> processors = new TreeMap<>();
        for (Segment segment : jdbc.sql("""
                        SELECT processor_name, owner, token, token_type FROM token_entry
                        WHERE processor_name <> '__config' ORDER BY processor_name, segment""").query(this::segment).list()) {
            processors
                    .computeIfAbsent(segment.processor(), name -> new ArrayList<>())
                    .add(segment);
        }
        return processors;
    }

    /** One processor's segments, in segment order. */
    public List<Segment> of(String processor) {
        return jdbc.sql("""
                        SELECT processor_name, owner, token, token_type FROM token_entry
                        WHERE processor_name = :processor ORDER BY segment""").param("processor", processor).query(this::segment).list();
    }

    /**
     * These processors' segments, locked until the caller's transaction ends: a tracking processor stores its
     * token at the start of a batch, so their next batches wait, and none is half written.
     */
    public List<Segment> lock(Collection<String> processors) {
        return jdbc.sql("""
                        SELECT processor_name, owner, token, token_type FROM token_entry
                        WHERE processor_name IN (:processors) ORDER BY processor_name, segment FOR UPDATE""")
                .param("processors", processors)
                .query(this::segment)
                .list();
    }

    private Segment segment(ResultSet row, int rowNumber) throws SQLException {
        byte[] token = row.getBytes("token");
        return new Segment(
                row.getString("processor_name"),
                row.getString("owner"),
                token == null
                        ? null
                        : serializer.deserialize(
                                new SimpleSerializedObject<>(token, byte[].class, row.getString("token_type"), null)));
    }
}
