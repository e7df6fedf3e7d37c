package dev.identity.query.deadletter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the one event a batch failed on. Processors here write a batch's effects together just before it
 * commits (JDBC batches, Kafka acknowledgements), so a write that fails fails the whole batch, outside any
 * event's handler, where Axon's dead-letter queue cannot tell which event was at fault. When a batch fails
 * for a reason that is not {@link RetryableFailures retryable}, its events become suspects and the processor
 * retries the batch (with its usual backoff); the handlers then see {@link #isolating()} and write each
 * suspect at once, on its own, so the event at fault fails inside its own handler. The dead-letter queue
 * parks that event's sequence, and the rest of the batch commits. Handling a dead letter again (an
 * operator's retry) is always isolated, so that a failure requeues that letter instead of failing the retry.
 */
public final class PoisonIsolation implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final String ISOLATED = PoisonIsolation.class.getName() + ".isolated";
    /** Suspects are a failed batch's events; a few batches' worth is all that can be pending at once. */
    private static final int MAX_SUSPECTS = 10_000;

    private final Predicate<Throwable> retryable;
    private final Set<String> suspects = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_SUSPECTS;
        }
    }));

    public PoisonIsolation(Predicate<Throwable> retryable) {
        this.retryable = retryable;
    }

    /** Whether a failure says nothing about the event being handled (see {@link RetryableFailures}). */
    public boolean isRetryable(Throwable failure) {
        return retryable.test(failure);
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        if (retryable.test(error)) {
            log.info(
                    "A batch of {} events of processor {} failed for a reason that is not theirs ({}); retrying it",
                    context.failedEvents().size(),
                    context.eventProcessor(),
                    firstLine(error));
        } else {
            context.failedEvents().forEach(event -> suspects.add(event.getIdentifier()));
            log.warn(
                    "A batch of {} events of processor {} failed ({}); retrying them one by one to find the event at fault",
                    context.failedEvents().size(),
                    context.eventProcessor(),
                    firstLine(error));
        }
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw (Error) error;
    }

    private static String firstLine(Throwable error) {
        return error.toString().lines().findFirst().orElse("");
    }

    /**
     * Whether the event being handled must be written at once and on its own: it is being retried from the
     * dead-letter queue, or its batch failed before. Decided once per batch, by the first event that asks:
     * a failed batch is retried from the same position, so its suspects come first.
     */
    public boolean isolating() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        if (current.resources().containsKey(DeadLetter.class.getName())) {
            return true;
        }
        UnitOfWork<?> batch = current.root();
        return batch.getOrComputeResource(
                ISOLATED,
                key -> batch.getMessage() instanceof EventMessage<?> event && suspects.contains(event.getIdentifier()));
    }
}
