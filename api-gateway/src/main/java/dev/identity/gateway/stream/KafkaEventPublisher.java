package dev.identity.gateway.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event to Kafka, at least once. Records of a batch are sent without waiting; before the
 * batch's unit of work commits (and with it the processor's token), every send must be acknowledged
 * ({@code acks=all}, idempotent producer). A failure rolls the batch back and the processor retries it
 * with backoff, so Kafka being down delays the stream but loses nothing; commands are not affected.
 * {@code identity.stream.publish=false} leaves publishing to the other instances.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
@ConditionalOnProperty(name = "identity.stream.publish", havingValue = "true", matchIfMissing = true)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_ACKS = KafkaEventPublisher.class.getName() + ".pendingAcks";

    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeMapper envelopes;
    private final StreamProperties properties;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, EnvelopeMapper envelopes, StreamProperties properties) {
        this.kafka = kafka;
        this.envelopes = envelopes;
        this.properties = properties;
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> event, TrackingToken token) {
        EventEnvelope envelope = envelopes.toEnvelope(event, token);
        String key = envelope.aggregateId() != null ? envelope.aggregateId() : envelope.eventId();
        pendingAcks().add(kafka.send(new ProducerRecord<>(properties.topic(), key, envelopes.toJson(envelope))));
    }

    private List<CompletableFuture<?>> pendingAcks() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_ACKS, name -> {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> awaitAll(acks));
            return acks;
        });
    }

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a batch of events; it will be retried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
