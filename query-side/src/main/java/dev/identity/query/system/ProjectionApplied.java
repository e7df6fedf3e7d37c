package dev.identity.query.system;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
 * <p>The payload is the processor's name and the aggregate ids, separated by spaces; when they would not
 * fit in PostgreSQL's payload limit (8000 bytes), or an id holds a space, the ids give way to
 * {@link #EVERY_AGGREGATE}: every waiter of that processor looks again.
 */
public final class ProjectionApplied implements MessageHandlerInterceptor<EventMessage<?>> {

    /** The channel projections notify on. */
    public static final String CHANNEL = "identity_projection_applied";
    /** Stands for the ids of a batch too large to list. */
    public static final String EVERY_AGGREGATE = "*";

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
            batch.getOrComputeResource(RESOURCE_KEY, key -> {
                Set<String> aggregates = new LinkedHashSet<>();
                batch.onPrepareCommit(committing -> notify(aggregates));
                return aggregates;
            }).add(event.getAggregateIdentifier());
        }
        return chain.proceed();
    }

    private void notify(Set<String> aggregates) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)::text").param("channel", CHANNEL)
                .param("payload", payload(processor, aggregates)).query(String.class).list();
    }

    static String payload(String processor, Set<String> aggregates) {
        StringBuilder payload = new StringBuilder(processor);
        int bytes = processor.getBytes(StandardCharsets.UTF_8).length;
        for (String aggregate : aggregates) {
            bytes += 1 + aggregate.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_PAYLOAD_BYTES || aggregate.isEmpty() || aggregate.contains(" ")
                    || aggregate.equals(EVERY_AGGREGATE)) {
                return processor + " " + EVERY_AGGREGATE;
            }
            payload.append(' ').append(aggregate);
        }
        return payload.toString();
    }

    /** A notification's payload read back. */
    public static Batch parse(String payload) {
        String[] words = payload.split(" ");
        Set<String> aggregates = new LinkedHashSet<>(Arrays.asList(words).subList(1, words.length));
        return new Batch(words[0], aggregates.remove(EVERY_AGGREGATE), aggregates);
    }

    /**
     * What a batch applied.
     *
     * @param everyAggregate the ids were too many to list: any aggregate of the processor may have changed
     */
    public record Batch(String processor, boolean everyAggregate, Set<String> aggregateIds) {
    }
}
