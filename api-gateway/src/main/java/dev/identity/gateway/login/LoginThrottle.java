package dev.identity.gateway.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.events.common.EmailAddress;
import dev.identity.gateway.system.RedisCircuit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Counts failed logins per account (tenant + email) and per client address in token buckets (Bucket4j)
 * kept in Redis, so the limits hold across instances. A bucket holds the allowed failures and refills
 * gradually over the window; an empty bucket means 429 until a token comes back.
 *
 * <p>If Redis cannot be reached, buckets of this instance stand in (still a limit, only per instance), and
 * Redis is skipped for a while ({@link RedisCircuit}) so that logins do not wait for it. Those local buckets
 * outlive the outage: as long as one of an account or address is not full again, it is checked and charged
 * along with the Redis one and the stricter of the two decides, so failures counted while Redis was away
 * still count once it is back.
 */
public class LoginThrottle {

    private final RedisClient redis;
    private final Function<RedisClient, ProxyManager<byte[]>> connect;
    private volatile ProxyManager<byte[]> redisBuckets;
    private final RedisCircuit redisCircuit;
    private final Cache<String, Bucket> localBuckets;
    private final BucketConfiguration accountLimit;
    private final BucketConfiguration addressLimit;
    private final Counter redisFailures;

    LoginThrottle(RedisClient redis, Function<RedisClient, ProxyManager<byte[]>> connect, RedisCircuit redisCircuit,
                  LoginProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.connect = connect;
        this.redisCircuit = redisCircuit;
        this.localBuckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(properties.window()).build();
        this.accountLimit = limit(properties.accountFailures(), properties.window());
        this.addressLimit = limit(properties.addressFailures(), properties.window());
        this.redisFailures = meters.counter("identity.login.throttle.redis.failures");
    }

    /** @throws TooManyAttemptsException when the account or the address has no failed attempt left */
    public void check(String tenantSlug, String email, String clientAddress) {
        Duration wait = max(waitFor(accountKey(tenantSlug, email), accountLimit),
                waitFor(addressKey(clientAddress), addressLimit));
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
    }

    /**
     * Counts one failure against the account and the address.
     *
     * @return how long the account is now locked, when this failure used up its allowance
     */
    public Optional<Duration> recordFailure(String tenantSlug, String email, String clientAddress) {
        consume(addressKey(clientAddress), addressLimit);
        String account = accountKey(tenantSlug, email);
        ConsumptionProbe probe = consume(account, accountLimit);
        return probe.isConsumed() && probe.getRemainingTokens() == 0
                ? Optional.of(waitFor(account, accountLimit))
                : Optional.empty();
    }

    private Duration waitFor(String key, BucketConfiguration limit) {
        EstimationProbe probe = withBucket(key, limit, bucket -> bucket.estimateAbilityToConsume(1),
                (redis, local) -> redis.getNanosToWaitForRefill() >= local.getNanosToWaitForRefill() ? redis : local);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1);
    }

    private ConsumptionProbe consume(String key, BucketConfiguration limit) {
        return withBucket(key, limit, bucket -> bucket.tryConsumeAndReturnRemaining(1),
                (redis, local) -> redis.getRemainingTokens() <= local.getRemainingTokens() ? redis : local);
    }

    /**
     * Applies {@code action} to the Redis bucket, and to this instance's bucket of the key if there is one
     * (made during an outage, not yet expired), keeping the {@code stricter} answer; to this instance's
     * bucket alone while Redis is unavailable.
     */
    private <T> T withBucket(String key, BucketConfiguration limit, Function<Bucket, T> action,
                             BinaryOperator<T> stricter) {
        Optional<T> shared = redisCircuit.call(() -> action.apply(
                redisBuckets().builder().build(key.getBytes(StandardCharsets.UTF_8), () -> limit)), redisFailures);
        if (shared.isEmpty()) {
            return action.apply(localBuckets.get(key, ignored -> Bucket.builder().addLimit(
                    limit.getBandwidths()[0]).build()));
        }
        Bucket local = localBuckets.getIfPresent(key);
        return local == null ? shared.get() : stricter.apply(shared.get(), action.apply(local));
    }

    /** Connects on first use, and again after a failure: Redis being down at start-up must not stop logins. */
    private ProxyManager<byte[]> redisBuckets() {
        ProxyManager<byte[]> buckets = redisBuckets;
        if (buckets == null) {
            synchronized (this) {
                if (redisBuckets == null) {
                    redisBuckets = connect.apply(redis);
                }
                buckets = redisBuckets;
            }
        }
        return buckets;
    }

    private static BucketConfiguration limit(int failures, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build())
                .build();
    }

    private static String accountKey(String tenantSlug, String email) {
        return "identity:login:account:" + tenantSlug + ":" + EmailAddress.normalize(email);
    }

    private static String addressKey(String clientAddress) {
        return "identity:login:address:" + clientAddress;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
