package dev.identity.command.eventstore;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose reader can be told that another instance has appended. The reader
 * that feeds this instance's processors is woken at once by this instance's own commits, but sees another
 * instance's events only when it next polls, {@code identity.event-store.fetch-delay} later; {@link #fetchNow()}
 * lets a notification of the other instance's commit wake it the same way.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Makes the reader fetch now if it is waiting for events. */
    public void fetchNow() {
        afterCommit(List.of());
    }
}
