package dev.identity.command.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositoryProvider;
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

    CatchUpRepositories(
            Configuration configuration,
            EventStore eventStore,
            @Qualifier(Snapshots.TRIGGER) SnapshotTriggerDefinition snapshots,
            EventStoreProperties properties,
            MeterRegistry meters) {
        this.configuration = configuration;
        this.eventStore = eventStore;
        this.snapshots = snapshots;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * The repository of {@code type}, with the handlers' parameter resolution of Axon's configuration (command
     * handlers of these aggregates take Spring beans as parameters).
     */
    public <T> CatchUpRepository<T> of(Class<T> type) {
        RepositoryProvider repositories = configuration::repository;
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(snapshots)
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(type))
                .repositoryProvider(repositories);
        return new CatchUpRepository<>(
                builder,
                eventStore,
                snapshots,
                repositories,
                properties.keptAggregates(),
                type.getSimpleName().toLowerCase(Locale.ROOT),
                meters);
    }
}
