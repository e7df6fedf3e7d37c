package dev.identity.gateway.web;

import java.time.Instant;

/**
 * The instants the API accepts, in parameters and cursors: from 1970 to the end of year 9999. PostgreSQL stores
 * less than Java parses (year +999999999 is a valid {@link Instant}, not a valid {@code timestamptz}), and
 * nothing this API records lies outside that window.
 */
public final class InstantInput {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InstantInput() {}

    public static boolean storable(Instant value) {
        return !value.isBefore(EARLIEST) && !value.isAfter(LATEST);
    }

    /** @throws InvalidInputException naming {@code field} when {@code value} is set and outside the window */
    public static Instant require(String field, Instant value) {
        if (value != null && !storable(value)) {
            throw new InvalidInputException(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return value;
    }
}
