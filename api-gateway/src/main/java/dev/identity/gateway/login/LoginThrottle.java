package dev.identity.gateway.login;

import dev.identity.events.common.EmailAddress;
import dev.identity.gateway.login.BackOffs.Reservation;
import dev.identity.gateway.login.BackOffs.Settlement;
import dev.identity.gateway.login.BackOffs.Tally;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Limits password guesses: logins, and the current password of a password change. Every attempt is
 * reserved before the password is hashed, and counted as a failure at once, so concurrent guesses cannot
 * all pass on the last allowance; once the outcome is known it is settled ({@link Attempt}).
 *
 * <p>Per account <em>and</em> client (an IPv4 address or an IPv6 /64): a few free failures, then exponential
 * back-off. So an attacker's failures slow down that attacker, not the account's owner on another client.
 * Per account from all clients: a larger allowance, then a back-off with a short longest wait, against
 * guesses spread over many addresses. Per client over all accounts: a token bucket, against one client
 * spraying many accounts. Counts live in Redis (shared by all instances), with this instance's own counts
 * standing in when Redis cannot be reached ({@link BackOffs}, {@link Buckets}).
 */
public class LoginThrottle {

    private final Buckets buckets;
    private final BackOffs backOffs;
    private final BackOffPolicy perClient;
    private final BackOffPolicy anyClient;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration registrationsPerAddress;
    private final BucketConfiguration registrationsPerTenant;

    LoginThrottle(Buckets buckets, BackOffs backOffs, LoginProperties properties) {
        this.buckets = buckets;
        this.backOffs = backOffs;
        this.perClient = properties.perClient();
        this.anyClient = properties.anyClient();
        this.perAddress = Buckets.limit(properties.addressFailures(), properties.window());
        this.registrationsPerAddress =
                Buckets.limit(properties.registrationsPerAddress(), properties.registrationWindow());
        this.registrationsPerTenant =
                Buckets.limit(properties.registrationsPerTenant(), properties.registrationWindow());
    }

    /**
     * Reserves a login attempt; unknown tenants and emails are counted exactly like existing accounts.
     *
     * @throws TooManyAttemptsException when the client must wait first
     */
    public Attempt reserveLogin(String tenantSlug, String email, String clientAddress) {
        String account = "login:{" + tenantSlug + ":" + EmailAddress.normalize(email) + "}";
        return reserve(account, clientAddress, TooManyAttemptsException::login);
    }

    /**
     * Reserves a check of a signed-in user's current password, counted like logins of that user.
     *
     * @throws TooManyAttemptsException when the client must wait first
     */
    public Attempt reservePasswordCheck(String tenantId, String userId, String clientAddress) {
        return reserve(
                "password-check:{" + tenantId + ":" + userId + "}",
                clientAddress,
                TooManyAttemptsException::passwordCheck);
    }

    /**
     * Counts a self-registration (each one hashes a password) against its client and its tenant.
     *
     * @throws TooManyAttemptsException when either has none left
     */
    public void takeRegistration(String tenantSlug, String clientAddress) {
        String client = key("registration:address:" + ClientNetwork.of(clientAddress));
        Duration wait = buckets.take(client, registrationsPerAddress);
        if (!wait.isZero()) {
            throw TooManyAttemptsException.registration(wait);
        }
        wait = buckets.take(key("registration:tenant:" + tenantSlug), registrationsPerTenant);
        if (!wait.isZero()) {
            buckets.giveBack(client, registrationsPerAddress);
            throw TooManyAttemptsException.registration(wait);
        }
    }

    private Attempt reserve(
            String account, String clientAddress, Function<Duration, TooManyAttemptsException> refusal) {
        String network = ClientNetwork.of(clientAddress);
        String address = key("address:" + network);
        Duration wait = buckets.take(address, perAddress);
        if (!wait.isZero()) {
            throw refusal.apply(wait);
        }
        List<Tally> tallies =
                List.of(new Tally(key(account + ":client:" + network), perClient), new Tally(key(account), anyClient));
        Reservation reservation = backOffs.reserve(tallies);
        if (!reservation.granted()) {
            buckets.giveBack(address, perAddress);
            // whole seconds for Retry-After, never zero
            throw refusal.apply(reservation.retryAfter().plusMillis(999).truncatedTo(ChronoUnit.SECONDS));
        }
        return new Attempt(address, tallies, reservation);
    }

    private static String key(String name) {
        return "identity:" + name;
    }

    /** A reserved attempt, counted as a failure until it is settled otherwise. Settle it exactly once. */
    public final class Attempt {

        private final String address;
        private final List<Tally> tallies;
        private final Reservation reservation;

        private Attempt(String address, List<Tally> tallies, Reservation reservation) {
            this.address = address;
            this.tallies = tallies;
            this.reservation = reservation;
        }

        /**
         * The password was wrong: the failure stays counted.
         *
         * @return until when this client is now refused on this account, when this failure used up its free ones
         */
        public Optional<Instant> failed() {
            return reservation.freeFailuresUsedUp() ? Optional.of(reservation.nextAttemptAt()) : Optional.empty();
        }

        /**
         * The password was right: this client's failures on the account are forgotten; the account's count
         * over all clients and the address's bucket only get this attempt back (a success elsewhere must not
         * give an attacker fresh guesses).
         */
        public void succeeded() {
            buckets.giveBack(address, perAddress);
            backOffs.settle(tallies, List.of(Settlement.CLEAR, Settlement.REFUND));
        }

        /** No password was compared (the hashing pool was full, the database failed): it does not count. */
        public void cancelled() {
            buckets.giveBack(address, perAddress);
            backOffs.settle(tallies, List.of(Settlement.REFUND, Settlement.REFUND));
        }
    }
}
