package dev.identity.gateway.stream;

import dev.identity.query.deadletter.PoisonIsolation;
import dev.identity.query.deadletter.RetryableFailures;
import dev.identity.query.publicview.EventPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every event to Kafka, at least once. A batch's events are collected as they are handled; just
 * before the batch's unit of work commits (and with it the processor's token) their positions are read in
 * one query, their records sent, and every send must be acknowledged ({@code acks=all}, idempotent producer).
 * A failure rolls the batch back and the processor retries it with backoff, so Kafka being down delays the
 * stream but loses nothing; commands are not affected. A record Kafka refuses for good (too large, say) is
 * isolated by {@link PoisonIsolation} and parks its aggregate's sequence in the dead-letter queue: that
 * aggregate's later events wait behind it, in order, and the other aggregates flow on.
 * {@code identity.stream.publish=false} leaves publishing to the other instances.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
@ConditionalOnProperty(name = "identity.stream.publish", havingValue = "true", matchIfMissing = true)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, String> kafka;
    private final EnvelopeMapper envelopes;
    private final EventPositions positions;
    private final StreamProperties properties;
    private final PoisonIsolation isolation = new PoisonIsolation(KafkaEventPublisher::isRetryable);

    KafkaEventPublisher(
            KafkaTemplate<String, String> kafka,
            EnvelopeMapper envelopes,
            EventPositions positions,
            StreamProperties properties) {
        this.kafka = kafka;
        this.envelopes = envelopes;
        this.positions = positions;
        this.properties = properties;
    }

    /** Kafka unreachable or busy, or the database: nothing to do with the event, so never a reason to park it. */
    static boolean isRetryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return RetryableFailures.isDatabaseFailure(failure);
    }

    PoisonIsolation isolation() {
        return isolation;
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> event) {
        if (isolation.isolating()) {
            awaitAll(List.of(send(event, positions.of(event.getIdentifier()))));
            return;
        }
        pending().add(event);
    }

    private List<EventMessage<?>> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, name -> {
            List<EventMessage<?>> events = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> publishAll(events));
            return events;
        });
    }

    private void publishAll(List<EventMessage<?>> events) {
        Map<String, Long> positionsById =
                positions.of(events.stream().map(EventMessage::getIdentifier).toList());
        awaitAll(events.stream()
                .<CompletableFuture<?>>map(event -> send(event, positionsById.get(event.getIdentifier())))
                .toList());
    }

    private CompletableFuture<?> send(EventMessage<?> event, Long globalPosition) {
        EventEnvelope envelope = envelopes.toEnvelope(event, globalPosition);
        String key = envelope.aggregateId() != null ? envelope.aggregateId() : envelope.eventId();
        return kafka.send(new ProducerRecord<>(properties.topic(), key, envelopes.toJson(envelope)));
    }

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a batch of events", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge a batch of events in time; it will be retried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
