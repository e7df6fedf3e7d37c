package dev.identity.gateway.login;

import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.command.session.InvalidCredentialsException;
import dev.identity.command.session.PasswordAuthenticator;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.gateway.write.CommandSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A password login with its guards: reserve the attempt with the throttle, hash on the bounded pool, then
 * settle the attempt by its outcome and record failures of existing accounts (off the request thread). A
 * success on an old hash stores the new one the pool computed ({@link PasswordAuthenticator}).
 */
@Component
public class Logins {

    private static final Logger log = LoggerFactory.getLogger(Logins.class);

    private final PasswordAuthenticator authenticator;
    private final HashingPool hashing;
    private final LoginThrottle throttle;
    private final FailedLogins failedLogins;
    private final MeterRegistry meters;
    private final CommandSender commands;

    Logins(
            PasswordAuthenticator authenticator,
            HashingPool hashing,
            LoginThrottle throttle,
            FailedLogins failedLogins,
            MeterRegistry meters,
            CommandSender commands) {
        this.authenticator = authenticator;
        this.hashing = hashing;
        this.throttle = throttle;
        this.failedLogins = failedLogins;
        this.meters = meters;
        this.commands = commands;
    }

    public AuthenticatedAccount authenticate(Credentials credentials, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.reserveLogin(credentials.tenant(), credentials.email(), clientAddress);
        AuthenticatedAccount account;
        try {
            account = hashing.forLogin(() ->
                    authenticator.authenticate(credentials.tenant(), credentials.email(), credentials.password()));
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
        if (account.rehash() != null) {
            rehash(account);
        }
        return account;
    }

    /**
     * Sent here, after the pool's slot is free, as one small append; a failure leaves the old hash, which still
     * verifies and is rehashed on the next login, so it never fails this one.
     */
    private void rehash(AuthenticatedAccount account) {
        try {
            commands.send(account.rehash(), account.userId(), ErrorCode.USER_NOT_FOUND);
            meters.counter("identity.password.rehashes").increment();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not store the rehashed password of user {}: {}",
                    account.userId(),
                    e.getClass().getSimpleName());
        }
    }
}
