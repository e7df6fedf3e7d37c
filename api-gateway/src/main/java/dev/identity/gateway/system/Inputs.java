package dev.identity.gateway.system;

/** Normalization of request values before they are validated. */
public final class Inputs {

    private Inputs() {
    }

    /** Surrounding whitespace is never part of a value. */
    public static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
