package dev.identity.gateway.consistency;

import dev.identity.command.eventstore.WakeableEventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Wakes the other instances' event readers when this one appends, so that their processors apply the events
 * at once rather than at their next poll ({@code identity.event-store.fetch-delay}): a write through one
 * instance often waits for a projection segment another instance owns. Each unit of work that publishes
 * events sends one {@code NOTIFY} on {@link #CHANNEL} in its transaction, so it is delivered when the events
 * are committed and not at all if they roll back. Alone (as last seen by {@link LiveInstances}), nothing is
 * sent; a newcomer not yet seen is at most one poll late.
 */
@Component
public class AppendNotifications implements MessageDispatchInterceptor<EventMessage<?>> {

    static final String CHANNEL = "identity_events_appended";
    private static final String RESOURCE_KEY = AppendNotifications.class.getName();

    private final WakeableEventStore eventStore;
    private final JdbcClient jdbc;
    private final LiveInstances instances;
    private final Counter received;

    AppendNotifications(WakeableEventStore eventStore, JdbcClient jdbc, LiveInstances instances, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.instances = instances;
        this.received = Counter.builder("identity.events.appended.notifications")
                .description("Notifications of appends (another instance's, or this one's) that woke the event reader")
                .register(meters);
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted() && instances.othersLastSeen()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(RESOURCE_KEY, key -> {
                root.onPrepareCommit(committing -> jdbc.sql("SELECT pg_notify(:channel, '')::text")
                        .param("channel", CHANNEL)
                        .query(String.class)
                        .list());
                return Boolean.TRUE;
            });
        }
        return (index, message) -> message;
    }

    /** Another instance (or this one) has committed events: this instance's reader fetches them now. */
    void received() {
        received.increment();
        eventStore.fetchNow();
    }
}
