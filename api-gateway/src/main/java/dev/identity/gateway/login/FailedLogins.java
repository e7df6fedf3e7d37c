package dev.identity.gateway.login;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.user.RecordFailedLogin;
import dev.identity.gateway.write.CommandSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes failed logins of existing accounts into their history, off the request thread: a wrong password
 * for an existing account must cost the request what it costs for an unknown email, or the latency would tell
 * which accounts exist. The queue is bounded; when it is full the failure is counted
 * ({@code identity_login_failures_unrecorded_total}) and not written. The throttle bounds how many failures an
 * account can get ({@link LoginThrottle}); failures against unknown emails have no account to go to and are
 * only counted (metrics) and throttled.
 */
@Component
class FailedLogins {

    private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);
    private static final String ANONYMOUS = "anonymous";

    private final CommandSender commands;
    private final ThreadPoolExecutor writer;

    FailedLogins(CommandSender commands, LoginProperties properties, MeterRegistry meters) {
        this.commands = commands;
        Counter unrecorded = meters.counter("identity.login.failures.unrecorded");
        this.writer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.failureRecordQueue()),
                runnable -> {
                    Thread thread = new Thread(runnable, "failed-login-recorder");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> {
                    unrecorded.increment();
                    log.warn("Failed-login queue full: a failed login is not recorded");
                });
    }

    /** Returns at once; never fails the login request, whose answer must not depend on the account. */
    void record(String tenantId, String userId, String clientAddress, Optional<Instant> lockedUntil) {
        CommandSender.Origin origin = commands.origin(ANONYMOUS);
        writer.execute(() -> {
            try {
                commands.send(
                        new RecordFailedLogin(userId, tenantId, clientAddress, lockedUntil.orElse(null)),
                        origin,
                        ErrorCode.USER_NOT_FOUND);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not record a failed login of user {}: {}",
                        userId,
                        e.getClass().getSimpleName());
            }
            lockedUntil.ifPresent(
                    until -> log.info("User {} backs off from login from one client until {}", userId, until));
        });
    }

    /** Writes what is queued before the application stops, for a few seconds at most. */
    @PreDestroy
    void drain() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn(
                    "{} failed logins not recorded at shutdown",
                    writer.shutdownNow().size());
        }
    }
}
