package dev.identity.gateway.operations;

import dev.identity.query.deadletter.DeadLetterView;
import java.util.List;

/**
 * @param resolved whether every parked event of the sequence was applied, so that the sequence flows again
 * @param remaining what is still parked in it: the event that failed again (with its new cause) and those behind it
 */
public record RetryOutcome(String processor, String sequence, boolean resolved, List<DeadLetterView> remaining) {}
