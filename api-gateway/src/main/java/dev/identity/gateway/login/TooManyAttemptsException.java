package dev.identity.gateway.login;

import dev.identity.gateway.web.ProblemCode;
import dev.identity.gateway.web.RetryLaterException;
import java.time.Duration;

/** Too many password guesses or registrations from a client or against an account; try again after the wait. */
public class TooManyAttemptsException extends RetryLaterException {

    TooManyAttemptsException(Duration retryAfter, ProblemCode code, String reason) {
        super(code, reason + "; try again in " + seconds(retryAfter) + " seconds.", retryAfter);
    }

    static TooManyAttemptsException login(Duration retryAfter) {
        return new TooManyAttemptsException(
                retryAfter,
                ProblemCode.LOGIN_THROTTLED,
                "Too many failed logins for this account or from this address");
    }

    static TooManyAttemptsException passwordCheck(Duration retryAfter) {
        return new TooManyAttemptsException(
                retryAfter,
                ProblemCode.LOGIN_THROTTLED,
                "Too many wrong current passwords for this account or from this address");
    }

    static TooManyAttemptsException registration(Duration retryAfter) {
        return new TooManyAttemptsException(
                retryAfter,
                ProblemCode.REGISTRATION_THROTTLED,
                "Too many registrations from this address or into this tenant");
    }
}
