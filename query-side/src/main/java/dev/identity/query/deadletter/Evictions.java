package dev.identity.query.deadletter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The events operators evicted, per processor ({@code dead_letter_evictions}, written with each eviction). */
@Component
public class Evictions {

    private final JdbcClient jdbc;

    Evictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean evicted(String processor, String eventId) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM dead_letter_evictions WHERE processor = :processor AND event_id = :id)")
                .param("processor", processor)
                .param("id", eventId)
                .query(Boolean.class)
                .single();
    }
}
