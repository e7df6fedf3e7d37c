package dev.identity.command.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Builds each aggregate's {@link CatchUpRepository} from the one configuration they share. */
@Component
public class CatchUpRepositories {

    private final Configuration configuration;
    private final EventStore eventStore;
    private final SnapshotTriggerDefinition snapshots;
    private final EventStoreProperties properties;
    private final MeterRegistry meters;

    CatchUpRepositories(Configuration configuration, EventStore eventStore,
                        @Qualifier(Snapshots.TRIGGER) SnapshotTriggerDefinition snapshots,
                        EventStoreProperties properties, MeterRegistry meters) {
        this.configuration = configuration;
        this.eventStore = eventStore;
        this.snapshots = snapshots;
        this.properties = properties;
        this.meters = meters;
    }

    public <T> CatchUpRepository<T> of(Class<T> type) {
        return CatchUpRepository.of(type, configuration, eventStore, snapshots, properties.keptAggregates(), meters);
    }
}
