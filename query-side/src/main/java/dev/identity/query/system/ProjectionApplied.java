package dev.identity.query.system;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells whoever listens that a projection has applied a batch: one {@code NOTIFY} on {@link #CHANNEL} per
 * batch, naming the processor and the aggregates of the batch's events. It is sent inside the batch's
 * transaction, so PostgreSQL delivers it when the batch commits, and not at all if it rolls back: a listener
 * that reads the read tables after receiving it sees the batch's rows. Every instance's listener receives
 * it, whichever instance's processor applied the batch.
 *
 * <p>The payload is the processor's name and, for each aggregate, its id and the sequence number of its
 * latest event in the batch ({@code id:sequence}), separated by spaces: a write waiting for a later event of
 * the aggregate need not read the view to know it is not there yet. When they would not fit in PostgreSQL's
 * payload limit (8000 bytes), or an id holds a space, the ids give way to {@link #EVERY_AGGREGATE}: every
 * waiter of that processor looks again. An id without a sequence (as instances before the sequences sent
 * it) reads as {@link #UNKNOWN_SEQUENCE}.
 */
public final class ProjectionApplied implements MessageHandlerInterceptor<EventMessage<?>> {

    /** The channel projections notify on. */
    public static final String CHANNEL = "identity_projection_applied";
    /** Stands for the ids of a batch too large to list. */
    public static final String EVERY_AGGREGATE = "*";
    /** The sequence of an id notified without one: it may be any, so a waiter looks. */
    public static final long UNKNOWN_SEQUENCE = Long.MAX_VALUE;

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD_BYTES = 7999;

    private static final String RESOURCE_KEY = ProjectionApplied.class.getName();

    private final String processor;
    private final JdbcClient jdbc;

    public ProjectionApplied(String processor, JdbcClient jdbc) {
        if (processor.isEmpty() || processor.contains(" ")) {
            throw new IllegalArgumentException("A processor name must be one word: '" + processor + "'");
        }
        this.processor = processor;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
            UnitOfWork<?> batch = unitOfWork.root();
            batch.<Map<String, Long>>getOrComputeResource(RESOURCE_KEY, key -> {
                        Map<String, Long> aggregates = new LinkedHashMap<>();
                        batch.onPrepareCommit(committing -> notify(aggregates));
                        return aggregates;
                    })
                    .merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
        }
        return chain.proceed();
    }

    private void notify(Map<String, Long> aggregates) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)::text")
                .param("channel", CHANNEL)
                .param("payload", payload(processor, aggregates))
                .query(String.class)
                .list();
    }

    static String payload(String processor, Map<String, Long> aggregates) {
        StringBuilder payload = new StringBuilder(processor);
        for (Map.Entry<String, Long> aggregate : aggregates.entrySet()) {
            String id = aggregate.getKey();
            if (id.isEmpty() || id.contains(" ") || id.equals(EVERY_AGGREGATE)) {
                return processor + " " + EVERY_AGGREGATE;
            }
            payload.append(' ').append(id).append(':').append(aggregate.getValue());
        }
        if (payload.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            return processor + " " + EVERY_AGGREGATE;
        }
        return payload.toString();
    }

    /** A notification's payload read back. */
    public static Batch parse(String payload) {
        String[] words = payload.split(" ");
        Map<String, Long> sequences = new LinkedHashMap<>();
        boolean everyAggregate = false;
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals(EVERY_AGGREGATE)) {
                everyAggregate = true;
                continue;
            }
            int colon = words[i].lastIndexOf(':');
            Long sequence = colon < 0 ? null : parseSequence(words[i].substring(colon + 1));
            if (sequence == null) {
                sequences.merge(words[i], UNKNOWN_SEQUENCE, Math::max);
            } else {
                sequences.merge(words[i].substring(0, colon), sequence, Math::max);
            }
        }
        return new Batch(words[0], everyAggregate, sequences);
    }

    private static Long parseSequence(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What a batch applied.
     *
     * @param everyAggregate the ids were too many to list: any aggregate of the processor may have changed
     * @param sequences each listed aggregate's latest sequence number in the batch
     */
    public record Batch(String processor, boolean everyAggregate, Map<String, Long> sequences) {

        public Set<String> aggregateIds() {
            return sequences.keySet();
        }
    }
}
