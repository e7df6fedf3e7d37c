package dev.identity.gateway.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param hashingThreads threads that hash and verify passwords; 0 means one less than the cores (at least
 *                       one), so that hashing never takes every core from other requests
 * @param hashingQueue hashing jobs that may wait; beyond that, requests get 503 with Retry-After
 * @param accountFailures failed logins allowed per account within {@code window}
 * @param addressFailures failed logins allowed per client address within {@code window}
 * @param window the period over which failures are counted; allowance comes back gradually over it
 */
@ConfigurationProperties("identity.login")
public record LoginProperties(@DefaultValue("0") int hashingThreads,
                              @DefaultValue("32") int hashingQueue,
                              @DefaultValue("5") int accountFailures,
                              @DefaultValue("50") int addressFailures,
                              @DefaultValue("15m") Duration window) {

    int effectiveHashingThreads() {
        return hashingThreads > 0 ? hashingThreads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
