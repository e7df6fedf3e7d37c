package dev.identity.gateway.login;

import dev.identity.gateway.system.ProblemCode;
import java.time.Duration;

/** Too many password guesses or registrations from a client or against an account; try again after the wait. */
public class TooManyAttemptsException extends RuntimeException {

    private final transient Duration retryAfter;
    private final ProblemCode code;

    TooManyAttemptsException(Duration retryAfter, ProblemCode code, String reason) {
        super(reason, null, false, false);
        this.retryAfter = retryAfter;
        this.code = code;
    }

    static TooManyAttemptsException login(Duration retryAfter) {
        return new TooManyAttemptsException(retryAfter, ProblemCode.LOGIN_THROTTLED,
                "Too many failed logins for this account or from this address");
    }

    static TooManyAttemptsException passwordCheck(Duration retryAfter) {
        return new TooManyAttemptsException(retryAfter, ProblemCode.LOGIN_THROTTLED,
                "Too many wrong current passwords for this account or from this address");
    }

    static TooManyAttemptsException registration(Duration retryAfter) {
        return new TooManyAttemptsException(retryAfter, ProblemCode.REGISTRATION_THROTTLED,
                "Too many registrations from this address or into this tenant");
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link ProblemCode#LOGIN_THROTTLED} or {@link ProblemCode#REGISTRATION_THROTTLED}. */
    public ProblemCode code() {
        return code;
    }
}
