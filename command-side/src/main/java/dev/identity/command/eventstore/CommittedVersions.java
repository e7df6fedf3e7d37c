package dev.identity.command.eventstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The sequence number each aggregate reached in the commands this thread committed since it last called
 * {@link #recordFromNow()}: a write that waits for its read model knows the version it wrote without asking the
 * store. Commands run on the sender's thread, so the versions are recorded there, once the unit of work has
 * committed; a thread that never asks records nothing (event processors, policies).
 */
@Component
public class CommittedVersions {

    private static final ThreadLocal<Map<String, Long>> RECORDED = new ThreadLocal<>();

    CommittedVersions(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(this::recordOnCommit);
    }

    /** Forgets what this thread's earlier commands wrote and records what the next ones commit. */
    public void recordFromNow() {
        RECORDED.set(new HashMap<>());
    }

    /** The aggregate's last sequence number committed by this thread since {@link #recordFromNow()}, if any. */
    public OptionalLong of(String aggregateId) {
        Map<String, Long> recorded = RECORDED.get();
        Long sequence = recorded == null ? null : recorded.get(aggregateId);
        return sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence);
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> recordOnCommit(
            List<? extends EventMessage<?>> events) {
        Map<String, Long> recorded = RECORDED.get();
        if (recorded != null && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get()
                    .root()
                    .afterCommit(u -> events.forEach(event -> {
                        if (event instanceof DomainEventMessage<?> domainEvent
                                && domainEvent.getAggregateIdentifier() != null) {
                            recorded.merge(
                                    domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber(), Math::max);
                        }
                    }));
        }
        return (index, event) -> event;
    }
}
