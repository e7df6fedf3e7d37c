package dev.identity.gateway.web;

import java.time.Duration;

/**
 * A refusal the caller may try again after a wait (throttling, overload): answered with its problem code's
 * status and a {@code Retry-After} header. Thrown where the refusal is decided; the web layer needs to know
 * nothing else about it.
 */
public class RetryLaterException extends RuntimeException {

    private final ProblemCode code;
    private final transient Duration retryAfter;

    protected RetryLaterException(ProblemCode code, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ProblemCode code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: what {@code Retry-After} carries. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    protected static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds());
    }
}
