package dev.identity.gateway.login;

import java.time.Duration;

/** Too many failed logins for an account or from an address; the caller may try again after the wait. */
public class TooManyAttemptsException extends RuntimeException {

    private final transient Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many failed logins", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
