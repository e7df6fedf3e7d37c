package dev.identity.gateway.login;

import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.command.session.InvalidCredentialsException;
import dev.identity.command.session.PasswordAuthenticator;
import dev.identity.events.common.IdentityException;
import dev.identity.gateway.auth.Credentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A password login with its guards: reserve the attempt with the throttle, hash on the bounded pool, then
 * settle the attempt by its outcome and record failures of existing accounts (off the request thread).
 */
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
        LoginThrottle.Attempt attempt = throttle.reserveLogin(credentials.tenant(), credentials.email(),
                clientAddress);
        AuthenticatedAccount account;
        try {
            account = hashing.forLogin(() -> authenticator.authenticate(credentials.tenant(), credentials.email(),
                    credentials.password()));
        } catch (InvalidCredentialsException e) {
            meters.counter("identity.logins", "outcome", "invalid-credentials").increment();
            Optional<Instant> lockedUntil = attempt.failed();
            if (e.userId() != null) {
                failedLogins.record(e.tenantId(), e.userId(), clientAddress, lockedUntil);
            }
            throw e;
        } catch (IdentityException e) {
            // the password was right, but the account or its tenant is disabled
            attempt.succeeded();
            throw e;
        } catch (RuntimeException e) {
            attempt.cancelled();
            throw e;
        }
        attempt.succeeded();
        meters.counter("identity.logins", "outcome", "success").increment();
        return account;
    }
}
