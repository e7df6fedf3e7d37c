package dev.identity.gateway.login;

import dev.identity.gateway.web.ProblemCode;
import dev.identity.gateway.web.RetryLaterException;
import java.time.Duration;

/** The password hashing pool and its queue are full. */
public class HashingBusyException extends RetryLaterException {

    public HashingBusyException() {
        super(
                ProblemCode.OVERLOADED,
                "The service is busy checking passwords; try again in a second.",
                Duration.ofSeconds(1));
    }
}
