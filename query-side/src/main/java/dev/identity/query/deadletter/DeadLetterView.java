package dev.identity.query.deadletter;

import java.time.Instant;

/**
 * One parked event, without its payload (which may hold personal data).
 *
 * @param sequence the parked sequence: an aggregate id, or a tenant id for the users projection
 * @param index its place in the sequence (0 is the event that failed; later ones wait behind it)
 * @param globalPosition the event's own position in the event store
 * @param causeType the failure's type, for a letter that failed itself; null for one that only waits behind
 * @param firstAttempt when it was parked
 * @param lastAttempt when it was last tried (or parked)
 * @param attempts how often it was handled and failed
 */
public record DeadLetterView(
        String processor,
        String sequence,
        long index,
        String eventId,
        Long globalPosition,
        String eventType,
        String aggregateType,
        String aggregateId,
        Long aggregateSequence,
        String causeType,
        String causeMessage,
        Instant firstAttempt,
        Instant lastAttempt,
        long attempts) {}
