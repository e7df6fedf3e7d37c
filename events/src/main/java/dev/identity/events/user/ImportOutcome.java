package dev.identity.events.user;

import java.util.List;

/**
 * What an {@link ImportUsers} batch did.
 *
 * @param existing the positions in the batch of the users skipped because their email was taken already
 */
public record ImportOutcome(List<Integer> existing) {

    public ImportOutcome {
        existing = List.copyOf(existing);
    }
}
