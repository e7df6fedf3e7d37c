package dev.identity.gateway.web;

/** Normalization of request values before they are validated. */
public final class Inputs {

    private Inputs() {}

    /**
     * Surrounding whitespace is never part of a value, and text is compared in NFC: "e" and a combining acute
     * accent is the same email as "é", so it must be stored and checked for uniqueness as one.
     */
    public static String normalize(String value) {
        return value == null ? null : TextInput.normalize(value.strip());
    }
}
