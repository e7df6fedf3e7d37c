package dev.identity.gateway.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The password-guessing and hashing policy; the defaults are in {@code application.yml}, docs/api.md and
 * docs/operations.md. A client is an IPv4 address or an IPv6 /64.
 *
 * @param hashingThreads threads that hash and verify passwords; 0 means one per core, so that every core
 *                       hashes under a login flood; other requests stay served because the pool's bounded
 *                       queue refuses hashing beyond it (503), not because a core is kept idle
 * @param hashingQueue hashing jobs that may wait; beyond that, requests get 503 with Retry-After
 * @param hashingReservedForLogins percent of the pool's threads plus queue that only logins may use, so that
 *                                 registrations and password changes cannot starve them (at least one slot)
 * @param accountFailures failed logins of one account from one client before that client backs off
 * @param accountFailuresAnyClient failed logins of one account from all clients together before every client
 *                                 backs off (a distributed attack), with waits of at most
 *                                 {@code longestWaitAnyClient}
 * @param addressFailures failed logins and password checks from one client, over all accounts, per
 *                        {@code window} (a token bucket refilled gradually)
 * @param firstWait the wait after the last free failure; it doubles with each further failure
 * @param longestWait the longest wait of one client on one account
 * @param longestWaitAnyClient the longest wait every client gets on an account attacked from everywhere
 * @param window failures are forgotten this long after the last one (after its wait, when that ends later)
 * @param failureRecordQueue failed logins waiting to be written into their account's history; beyond that
 *                           they are counted (metrics) but not written
 * @param registrationsPerAddress self-registrations from one client per {@code registrationWindow}
 * @param registrationsPerTenant self-registrations into one tenant per {@code registrationWindow}
 * @param registrationWindow the period over which registrations are counted, refilled gradually
 */
@ConfigurationProperties("identity.login")
public record LoginProperties(
        @DefaultValue("0") int hashingThreads,
        @DefaultValue("32") int hashingQueue,
        @DefaultValue("25") int hashingReservedForLogins,
        @DefaultValue("5") int accountFailures,
        @DefaultValue("20") int accountFailuresAnyClient,
        @DefaultValue("50") int addressFailures,
        @DefaultValue("5s") Duration firstWait,
        @DefaultValue("15m") Duration longestWait,
        @DefaultValue("1m") Duration longestWaitAnyClient,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1000") int failureRecordQueue,
        @DefaultValue("20") int registrationsPerAddress,
        @DefaultValue("200") int registrationsPerTenant,
        @DefaultValue("10m") Duration registrationWindow) {

    public LoginProperties {
        if (hashingReservedForLogins < 0 || hashingReservedForLogins > 100) {
            throw new IllegalArgumentException("identity.login.hashing-reserved-for-logins is a percentage, 0 to 100");
        }
    }

    int effectiveHashingThreads() {
        return hashingThreads > 0 ? hashingThreads : Runtime.getRuntime().availableProcessors();
    }

    BackOffPolicy perClient() {
        return new BackOffPolicy(accountFailures, firstWait, longestWait, window);
    }

    BackOffPolicy anyClient() {
        return new BackOffPolicy(accountFailuresAnyClient, firstWait, longestWaitAnyClient, window);
    }

    /** The longest any count or bucket is remembered. */
    Duration longestKept() {
        Duration longest = longestWait.compareTo(longestWaitAnyClient) >= 0 ? longestWait : longestWaitAnyClient;
        Duration counted = window.compareTo(registrationWindow) >= 0 ? window : registrationWindow;
        return longest.plus(counted);
    }
}
