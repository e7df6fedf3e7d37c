package dev.identity.command.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.identity.events.common.EventMetadata;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Primary;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class AxonConfiguration {

    /**
     * Events, snapshots, tokens and messages as readable JSON, with a mapper of their own: the stored format
     * must not change when someone tunes the web layer's {@code spring.jackson.*} settings.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * The JPA engine as Axon's autoconfiguration builds it, with its entities registered; declared here
     * because defining the event store below turns that autoconfiguration off.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration, EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager, EventStoreProperties properties) {
        return JpaEventStorageEngine.builder()
                .batchSize(properties.fetchSize())
                .snapshotSerializer(Snapshots.snapshotSerializer())
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * The autoconfigured store, with a configurable fetch delay: it bounds how late this instance sees
     * events appended by another instance (local appends wake the reader at once).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }

    /**
     * The token store as Axon's autoconfiguration builds it, except that each application instance claims
     * segments under a name of its own. Axon's default name is the JVM's ({@code pid@host}), so two
     * instances in one JVM (as in the tests) would both believe they own the same segments.
     */
    @Bean
    public TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                                 TokenStoreProperties properties) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "#" + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    /** Copies who, which request and which tenant from each command onto the events it causes. */
    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.TENANT_ID, EventMetadata.ACTOR,
                EventMetadata.CORRELATION_ID, EventMetadata.REQUEST_ID);
    }
}
