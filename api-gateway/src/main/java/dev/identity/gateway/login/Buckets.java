package dev.identity.gateway.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.gateway.system.RedisCircuit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Token buckets (Bucket4j) kept in Redis, so that limits hold across instances. A token is taken before the
 * work it pays for, so concurrent requests cannot all pass on the last one; work that turns out not to count
 * gives its token back.
 *
 * <p>If Redis cannot be reached, buckets of this instance stand in (still a limit, only per instance), and
 * Redis is skipped for a while ({@link RedisCircuit}). Those local buckets outlive the outage: as long as one
 * is not full again, it is charged along with the Redis one and the stricter of the two decides, so what was
 * counted while Redis was away still counts once it is back.
 */
final class Buckets {

    private final RedisClient redis;
    private final Function<RedisClient, ProxyManager<byte[]>> connect;
    private volatile ProxyManager<byte[]> redisBuckets;
    private final RedisCircuit redisCircuit;
    private final Counter redisFailures;
    private final Cache<String, Bucket> localBuckets;

    /** @param longestRefill the longest time any bucket takes to be full again: local buckets are kept that long */
    Buckets(
            RedisClient redis,
            Function<RedisClient, ProxyManager<byte[]>> connect,
            RedisCircuit redisCircuit,
            Counter redisFailures,
            Duration longestRefill) {
        this.redis = redis;
        this.connect = connect;
        this.redisCircuit = redisCircuit;
        this.redisFailures = redisFailures;
        this.localBuckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(longestRefill)
                .build();
    }

    static BucketConfiguration limit(int tokens, Duration refilledOver) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(tokens)
                        .refillGreedy(tokens, refilledOver)
                        .build())
                .build();
    }

    /** @return how long until a token is there, or zero when one was taken */
    Duration take(String key, BucketConfiguration limit) {
        Optional<ConsumptionProbe> shared =
                redisCircuit.call(() -> redisBucket(key, limit).tryConsumeAndReturnRemaining(1), redisFailures);
        if (shared.isEmpty()) {
            return waitOf(localBuckets.get(key, ignored -> localBucket(limit)).tryConsumeAndReturnRemaining(1));
        }
        Bucket local = localBuckets.getIfPresent(key);
        if (local == null || !shared.get().isConsumed()) {
            return waitOf(shared.get());
        }
        ConsumptionProbe stricter = local.tryConsumeAndReturnRemaining(1);
        if (!stricter.isConsumed()) {
            redisCircuit.call(() -> addToken(redisBucket(key, limit)), redisFailures);
        }
        return waitOf(stricter);
    }

    /** Gives back a token taken by {@link #take} for work that did not count. */
    void giveBack(String key, BucketConfiguration limit) {
        if (redisCircuit
                .call(() -> addToken(redisBucket(key, limit)), redisFailures)
                .isEmpty()) {
            addToken(localBuckets.get(key, ignored -> localBucket(limit)));
            return;
        }
        Bucket local = localBuckets.getIfPresent(key);
        if (local != null) {
            addToken(local);
        }
    }

    private static Duration waitOf(ConsumptionProbe probe) {
        return probe.isConsumed()
                ? Duration.ZERO
                : Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1);
    }

    private static Boolean addToken(Bucket bucket) {
        bucket.addTokens(1);
        return Boolean.TRUE;
    }

    private Bucket redisBucket(String key, BucketConfiguration limit) {
        return redisBuckets().builder().build(key.getBytes(StandardCharsets.UTF_8), () -> limit);
    }

    private static Bucket localBucket(BucketConfiguration limit) {
        return Bucket.builder().addLimit(limit.getBandwidths()[0]).build();
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
}
