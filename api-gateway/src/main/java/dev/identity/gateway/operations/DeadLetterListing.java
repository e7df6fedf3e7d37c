package dev.identity.gateway.operations;

import dev.identity.query.deadletter.DeadLetterView;
import java.util.List;
import java.util.Map;

/**
 * @param counts parked events per processor (all of them, whatever the filter)
 * @param items the parked events asked for, by processor, sequence and place in the sequence
 */
public record DeadLetterListing(Map<String, Long> counts, List<DeadLetterView> items) {}
