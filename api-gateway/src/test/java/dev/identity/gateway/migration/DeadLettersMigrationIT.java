package dev.identity.gateway.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.command.eventstore.AxonConfiguration;
import dev.identity.support.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Letters parked through the JPA queue, before V1001, are read, retried and evicted by the JDBC queue after it;
 * new letters land in the same columns. Runs the project's migrations in a schema of its own.
 */
class DeadLettersMigrationIT {

    private static final String[] MIGRATIONS = {"classpath:db/migration/command", "classpath:db/migration/query"};

    private final String schema =
            "dlq_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private PGSimpleDataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void createSchema() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.url());
        dataSource.setUser(TestDatabase.username());
        dataSource.setPassword(TestDatabase.password());
        dataSource.setCurrentSchema(schema);
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }

    @Test
    void lettersParkedBeforeTheJdbcQueueAreStillRetriedAndEvicted() {
        migrate("14");
        String sequence = UUID.randomUUID().toString();
        // as the JPA queue stored it: instants as timestamptz, the event's own timestamp as text
        jdbc.sql("""
                        INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier,
                            sequence_index, message_type, event_identifier, time_stamp, payload_type, payload,
                            meta_data, type, aggregate_identifier, sequence_number, enqueued_at, last_touched,
                            cause_type, cause_message, diagnostics)
                        VALUES (:id, 'user-projection', :sequence, 0,
                            'org.axonframework.eventhandling.GenericDomainEventMessage', :eventId,
                            '2026-01-02T01:04:00.000Z', 'java.lang.String', convert_to('"parked"', 'UTF8'),
                            convert_to('{}', 'UTF8'), 'User', :sequence, 3,
                            timestamptz '2026-01-02 03:04:05.678912+02', timestamptz '2026-01-02 03:05:00+02',
                            'java.lang.IllegalStateException', 'boom', convert_to('{"attempts":1}', 'UTF8'))""")
                .param("id", UUID.randomUUID().toString())
                .param("sequence", sequence)
                .param("eventId", UUID.randomUUID().toString())
                .update();

        migrate(null);

        assertThat(jdbc.sql("SELECT enqueued_at, last_touched FROM dead_letter_entry")
                        .query()
                        .listOfRows())
                .containsExactly(
                        Map.of("enqueued_at", "2026-01-02T01:04:05.678Z", "last_touched", "2026-01-02T01:05:00.000Z"));
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue("user-projection");
        List<DeadLetter<? extends EventMessage<?>>> letters = list(queue.deadLetterSequence(sequence));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.enqueuedAt()).isEqualTo(Instant.parse("2026-01-02T01:04:05.678Z"));
            assertThat(letter.message().getPayload()).isEqualTo("parked");
            assertThat(letter.cause())
                    .hasValueSatisfying(cause -> assertThat(cause.message()).isEqualTo("boom"));
            assertThat(letter.diagnostics().get("attempts")).isEqualTo(1);
        });

        // a retry claims the sequence by comparing processing_started, which is now text as well
        assertThat(queue.process(letter -> Decisions.evict())).isTrue();
        assertThat(queue.contains(sequence)).isFalse();
    }

    @Test
    void newLettersAreStoredInTheSameColumns() {
        migrate(null);
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue("session-projection");
        String sequence = UUID.randomUUID().toString();
        Instant before = Instant.now();

        queue.enqueue(
                sequence,
                new GenericDeadLetter<>(
                        sequence,
                        new GenericDomainEventMessage<>("Session", sequence, 0, "ended"),
                        new IllegalStateException("no")));

        var row = jdbc.sql("""
                        SELECT processing_group, aggregate_identifier, type, cause_message, enqueued_at
                        FROM dead_letter_entry WHERE sequence_identifier = :sequence""").param("sequence", sequence).query().singleRow();
        assertThat(row)
                .containsEntry("processing_group", "session-projection")
                .containsEntry("aggregate_identifier", sequence)
                .containsEntry("type", "Session")
                .containsEntry("cause_message", "no");
        assertThat(Instant.parse((String) row.get("enqueued_at"))).isBetween(before.minusMillis(1), Instant.now());
    }

    private void migrate(String target) {
        var configuration =
                Flyway.configure().dataSource(dataSource).schemas(schema).locations(MIGRATIONS);
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        Serializer serializer = new AxonConfiguration().serializer();
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processor)
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonConfiguration().deadLetterSchema())
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
