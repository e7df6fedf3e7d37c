package dev.identity.gateway.operations;

import dev.identity.gateway.web.InvalidInputException;

/**
 * Destructive or expensive operator requests carry {@code "confirm": true}, so that no stray, retried or
 * mistyped request (a body lost, a number coerced) starts one.
 *
 * @param confirm must be {@code true}
 */
public record Confirmation(Boolean confirm) {

    static void require(Boolean confirm, String consequence) {
        if (!Boolean.TRUE.equals(confirm)) {
            throw new InvalidInputException("confirm", "must be true: " + consequence);
        }
    }
}
