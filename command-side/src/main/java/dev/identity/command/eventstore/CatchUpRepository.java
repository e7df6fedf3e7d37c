package dev.identity.command.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.RepositoryProvider;

/**
 * Keeps the aggregates its commands leave behind in memory and, on the next load, reads only the events after
 * the kept version: one indexed query, normally empty. Whatever another instance appended in between is
 * applied before the command sees the aggregate, so the kept copy is a starting point like a snapshot and
 * never a stale answer (ADR 0008). An aggregate a command fails on, or whose commit fails, is forgotten,
 * because the failed command may have changed it in place. Per instance, one command per aggregate at a time
 * (the repository's lock), so the kept copy is never shared by two commands.
 *
 * <p>Snapshots are still taken every few events: the kept copy carries its snapshot trigger's count along.
 */
public final class CatchUpRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final SnapshotTriggerDefinition snapshots;
    private final RepositoryProvider repositories;
    private final Cache<String, AggregateCacheEntry<T>> kept;
    private final Counter fromMemory;
    private final Counter fromStore;

    /** {@code builder} has the same event store, snapshot trigger and repository provider as given here. */
    CatchUpRepository(
            Builder<T> builder,
            EventStore eventStore,
            SnapshotTriggerDefinition snapshots,
            RepositoryProvider repositories,
            int capacity,
            String name,
            MeterRegistry meters) {
        super(builder);
        this.eventStore = eventStore;
        this.snapshots = snapshots;
        this.repositories = repositories;
        this.kept = Caffeine.newBuilder().maximumSize(capacity).build();
        this.fromMemory = loads(meters, name, "memory");
        this.fromStore = loads(meters, name, "store");
    }

    private static Counter loads(MeterRegistry meters, String aggregate, String source) {
        return Counter.builder("identity.aggregate.loads")
                .description("Aggregates loaded by commands: kept in memory and caught up, or read from the store")
                .tag("aggregate", aggregate)
                .tag("source", source)
                .register(meters);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        CurrentUnitOfWork.get().onRollback(u -> kept.invalidate(aggregateIdentifier));
        AggregateCacheEntry<T> entry = kept.getIfPresent(aggregateIdentifier);
        if (entry == null) {
            fromStore.increment();
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        fromMemory.increment();
        EventSourcedAggregate<T> aggregate =
                entry.recreateAggregate(aggregateModel(), eventStore, repositories, snapshots);
        Long version = aggregate.version();
        DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, version == null ? 0 : version + 1);
        if (newer.hasNext()) {
            aggregate.initializeState(newer);
        }
        if (aggregate.isDeleted()) {
            throw new AggregateDeletedException(aggregateIdentifier);
        }
        return aggregate;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        String id = aggregate.identifierAsString();
        CurrentUnitOfWork.get().onRollback(u -> kept.invalidate(id));
        kept.put(id, new AggregateCacheEntry<>(aggregate));
    }
}
