package dev.identity.gateway.login;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.user.RecordFailedLogin;
import dev.identity.gateway.system.CommandSender;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes failed logins of existing accounts into their history. The throttle refuses attempts once an
 * account's allowance is used up, so an account gets at most its allowance of failures plus one lockout
 * per window, however hard it is attacked. Failures against unknown emails have no account to go to:
 * they are counted (metrics) and throttled, not stored.
 */
@Component
class FailedLogins {

    private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);
    private static final String ANONYMOUS = "anonymous";

    private final CommandSender commands;
    private final Clock clock = Clock.systemUTC();

    FailedLogins(CommandSender commands) {
        this.commands = commands;
    }

    /** Never fails the login request: its answer must not depend on the account's state. */
    void record(String tenantId, String userId, String clientAddress, Optional<Duration> lockout) {
        try {
            commands.send(new RecordFailedLogin(userId, tenantId, clientAddress,
                    lockout.map(clock.instant()::plus).orElse(null)), ANONYMOUS, ErrorCode.USER_NOT_FOUND);
        } catch (RuntimeException e) {
            log.warn("Could not record a failed login of user {}: {}", userId, e.getClass().getSimpleName());
        }
        lockout.ifPresent(duration -> log.info("User {} locked out of login for {}", userId, duration));
    }
}
