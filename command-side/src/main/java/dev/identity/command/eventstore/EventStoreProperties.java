package dev.identity.command.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param fetchDelay how often an idle instance polls the event store for events other instances appended
 * @param fetchSize how many events a processor reads per query: a replay reads the whole store this way
 * @param snapshotEvery how many events a user or session aggregate may have after its latest snapshot before
 *                      loading it takes a new one; loading then reads one snapshot and at most this many events
 * @param keptAggregates how many users, and how many sessions, each instance keeps in memory after their commands
 *                       so that the next command reads only newer events (a session with its 100 remembered
 *                       tokens holds about 11 KB, computed from the JVM's object sizes)
 */
@ConfigurationProperties("identity.event-store")
public record EventStoreProperties(
        @DefaultValue("100ms") Duration fetchDelay,
        @DefaultValue("1000") int fetchSize,
        @DefaultValue("50") int snapshotEvery,
        @DefaultValue("2000") int keptAggregates) {}
