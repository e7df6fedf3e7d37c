package dev.identity.events.common;

import java.util.Set;

/**
 * Event fields that hold secrets (password and refresh-token hashes). They stay in the event store, which
 * needs them, and are removed from everything shown outside it: the Kafka stream and the audit views.
 */
public final class SecretFields {

    public static final Set<String> NAMES =
            Set.of("passwordHash", "refreshTokenHash", "spentHash", "newHash", "presentedHash");

    private SecretFields() {}
}
