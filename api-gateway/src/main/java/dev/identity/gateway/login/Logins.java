package dev.identity.gateway.login;

import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.command.session.InvalidCredentialsException;
import dev.identity.command.session.PasswordAuthenticator;
import dev.identity.gateway.auth.Credentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A password login with its guards: throttle first, hash on the bounded pool, count and record failures. */
@Component
public class Logins {

    private final PasswordAuthenticator authenticator;
    private final HashingPool hashing;
    private final LoginThrottle throttle;
    private final FailedLogins failedLogins;
    private final MeterRegistry meters;

    Logins(PasswordAuthenticator authenticator, HashingPool hashing, LoginThrottle throttle,
           FailedLogins failedLogins, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.hashing = hashing;
        this.throttle = throttle;
        this.failedLogins = failedLogins;
        this.meters = meters;
    }

    public AuthenticatedAccount authenticate(Credentials credentials, String clientAddress) {
        throttle.check(credentials.tenant(), credentials.email(), clientAddress);
        try {
            AuthenticatedAccount account = hashing.run(() -> authenticator.authenticate(credentials.tenant(),
                    credentials.email(), credentials.password()));
            meters.counter("identity.logins", "outcome", "success").increment();
            return account;
        } catch (InvalidCredentialsException e) {
            meters.counter("identity.logins", "outcome", "invalid-credentials").increment();
            Optional<Duration> lockout = throttle.recordFailure(credentials.tenant(), credentials.email(),
                    clientAddress);
            if (e.userId() != null) {
                failedLogins.record(e.tenantId(), e.userId(), clientAddress, lockout);
            }
            throw e;
        }
    }
}
