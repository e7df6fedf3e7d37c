package dev.identity.command.eventstore;

import dev.identity.events.common.EventMetadata;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonConfiguration {

    /**
     * Events, snapshots, tokens and messages as readable JSON, with a mapper of their own: the stored format
     * must not change when someone tunes the web layer's {@code spring.jackson.*} settings.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(StoredJson.mapper()).build();
    }

    /**
     * Axon's JDBC engine on the tables Flyway made from its JPA entities (ADR 0005): the same rows, written
     * and read without an entity manager, which cost a sixth of the write path's CPU in stack samples.
     *
     * <p>It opens no transaction of its own: appends join the command's (the connection provider hands out
     * the unit of work's connection), and a read outside one (a processor's fetch, an aggregate's last
     * sequence) is a single statement, which needs no {@code BEGIN} and {@code COMMIT} around it. An
     * aggregate's events have consecutive sequence numbers, so a batch shorter than the fetch size is its last
     * (Axon's default for JDBC reads until an empty batch: one more query per command).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            EventStoreProperties properties) {
        return JdbcEventStorageEngine.builder()
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry")
                        .snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index")
                        .timestampColumn("time_stamp")
                        .eventIdentifierColumn("event_identifier")
                        .aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number")
                        .typeColumn("type")
                        .payloadTypeColumn("payload_type")
                        .payloadRevisionColumn("payload_revision")
                        .payloadColumn("payload")
                        .metaDataColumn("meta_data")
                        .build())
                .batchSize(properties.fetchSize())
                .finalAggregateBatchPredicate(batch -> batch.size() < properties.fetchSize())
                .snapshotSerializer(Snapshots.snapshotSerializer())
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    /**
     * Axon's query bus without a transaction around each query: every query handler here is one statement,
     * or opens the transaction it needs itself (the audit export's cursor).
     */
    @Bean
    public SimpleQueryBus queryBus(Configuration configuration) {
        return SimpleQueryBus.builder()
                .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(configuration.getComponent(
                        QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    /**
     * Axon's JDBC dead-letter queue on {@code dead_letter_entry}, the table Flyway made from its JPA entity
     * (V1001 turned its instants into the text the JDBC queue writes and compares). Every processor's queue,
     * and each rebuild's, use it.
     */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Connections of the Spring transaction in progress, so that events, tokens and read tables commit together. */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * The autoconfigured store, with a configurable fetch delay: it bounds how late this instance sees
     * events appended by another instance when no notification of them arrives (local appends, and
     * notified ones, wake the reader at once).
     */
    @Bean
    public WakeableEventStore eventStore(
            EventStorageEngine storageEngine, Configuration configuration, EventStoreProperties properties) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis()));
    }

    /**
     * Axon's JDBC token store on {@code token_entry}, where each application instance claims
     * segments under a name of its own. Axon's default name is the JVM's ({@code pid@host}), so two
     * instances in one JVM (as in the tests) would both believe they own the same segments.
     */
    @Bean
    public TokenStore tokenStore(
            Serializer serializer, ConnectionProvider connectionProvider, TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "#"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    /** Copies who, which request and which tenant from each command onto the events it causes. */
    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(
                EventMetadata.TENANT_ID, EventMetadata.ACTOR, EventMetadata.CORRELATION_ID, EventMetadata.REQUEST_ID);
    }
}
