package dev.identity.command.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Users and sessions are loaded from their latest snapshot plus the events after it, so a command's cost does not
 * grow with the aggregate's age (a session refreshed every five minutes for 30 days has 8,640 events). Snapshots
 * are never a cache: the store reads every event after the snapshot, whichever instance wrote it. See ADR 0004;
 * an instance that kept the aggregate after its last command starts from that instead ({@link CatchUpRepository}).
 */
@Configuration(proxyBeanMethods = false)
public class Snapshots {

    /** The trigger of the aggregates' repositories ({@link CatchUpRepository}). */
    public static final String TRIGGER = "snapshotEveryFewEvents";

    /**
     * The snapshot format of the aggregates that use {@link #TRIGGER}: change it with their fields, and older
     * snapshots are ignored (and replaced) instead of read into the new shape.
     */
    public static final String REVISION = "1";

    @Bean(TRIGGER)
    SnapshotTriggerDefinition snapshotEveryFewEvents(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }

    /**
     * An aggregate's state is its private fields, which have no getters: the snapshot's JSON is those fields,
     * read and written directly. Kept apart from the serializer of events and tokens, whose formats it must not
     * change.
     */
    static Serializer snapshotSerializer() {
        ObjectMapper mapper = StoredJson.mapper()
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
