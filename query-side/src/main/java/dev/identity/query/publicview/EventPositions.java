package dev.identity.query.publicview;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each event's own position in the event store, read from its row. A tracking token's position is the highest
 * position its processor has seen, which for an event committed after a later one (two instances appending
 * at once fill gaps out of order) is another event's; nothing that shows a position may take it from there.
 */
@Component
public class EventPositions {

    private final JdbcClient jdbc;

    EventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The positions of the given events, by event id, in one query. */
    public Map<String, Long> of(Collection<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        if (eventIds.isEmpty()) {
            return positions;
        }
        jdbc.sql("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN (:ids)")
                .param("ids", List.copyOf(eventIds))
                .query(row -> {
                    positions.put(row.getString(1), row.getLong(2));
                });
        return positions;
    }

    public Long of(String eventId) {
        return of(List.of(eventId)).get(eventId);
    }
}
