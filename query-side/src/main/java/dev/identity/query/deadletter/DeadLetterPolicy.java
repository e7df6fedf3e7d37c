package dev.identity.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to an event whose handler failed. A retryable failure (the database away, say) is
 * thrown on, so the processor retries the batch with backoff and nothing is parked for it. Any other failure
 * parks the event's sequence, with a count of attempts in its diagnostics and a log line naming the event.
 * The stored cause is the root cause's type and first line: database messages carry row values on their
 * later lines, and the dead-letter listing must not spread them.
 */
public final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    public static final String ATTEMPTS = "attempts";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);
    private static final int MAX_MESSAGE_LENGTH = 500;

    private final String processingGroup;
    private final PoisonIsolation isolation;

    public DeadLetterPolicy(String processingGroup, PoisonIsolation isolation) {
        this.processingGroup = processingGroup;
        this.isolation = isolation;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retryingLetter = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
        if (!retryingLetter && isolation.isRetryable(cause)) {
            throw new RetryableEventFailure(cause);
        }
        long attempts = attempts(letter.diagnostics()) + 1;
        EventMessage<?> event = letter.message();
        log.warn(
                "Processor {} parked event {} ({}{}) and the events after it in its sequence, after {} attempt(s): {}",
                processingGroup,
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                aggregate(event),
                attempts,
                cause.toString());
        ThrowableCause stored = concise(cause);
        return retryingLetter
                ? Decisions.requeue(stored, previous -> previous.diagnostics().and(ATTEMPTS, attempts))
                : Decisions.enqueue(stored, previous -> previous.diagnostics().and(ATTEMPTS, attempts));
    }

    public static long attempts(MetaData diagnostics) {
        return diagnostics.get(ATTEMPTS) instanceof Number number ? number.longValue() : 0;
    }

    private static String aggregate(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && domain.getType() != null
                ? " of " + domain.getType() + " " + domain.getAggregateIdentifier() + " #" + domain.getSequenceNumber()
                : "";
    }

    private static ThrowableCause concise(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? ""
                : root.getMessage().lines().findFirst().orElse("");
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH);
        }
        return new ThrowableCause(root.getClass().getName(), message);
    }

    /** Carries a retryable failure out of the dead-letter queue's handling, to fail (and retry) the batch. */
    static final class RetryableEventFailure extends RuntimeException {
        RetryableEventFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
