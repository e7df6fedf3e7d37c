package dev.identity.gateway.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.gateway.system.RedisCircuit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failure counts with exponential back-off ({@link BackOffPolicy}), kept in Redis so that they hold across
 * instances. An attempt is reserved before the password is hashed: the reservation counts as a failure at
 * once, atomically for every key it names (one Lua script), so concurrent attempts cannot all pass on the
 * last free failure. What the attempt turns out to be settles it: a wrong password keeps it, anything else
 * gives it back or clears the count.
 *
 * <p>Without Redis, counts of this instance stand in, and they are still checked and charged along with
 * Redis once it is back, until they are forgotten (as {@link Buckets} does with its buckets).
 */
final class BackOffs {

    /** One count: where it is kept and how it backs off. */
    record Tally(String key, BackOffPolicy policy) {}

    /** What to do with a reservation once the attempt's outcome is known. */
    enum Settlement {
        /** The attempt did not count (the work was never done): give the failure back. */
        REFUND,
        /** The attempt proved the caller: forget every failure of this count. */
        CLEAR
    }

    /**
     * @param granted whether the attempt may go ahead (its failure is counted)
     * @param retryAfter how long until an attempt may go ahead, when not granted
     * @param nextAttemptAt for a granted reservation, when the first tally's next attempt may come if this one fails
     * @param freeFailuresUsedUp whether this reservation is the one that used up the first tally's free failures
     */
    record Reservation(boolean granted, Duration retryAfter, Instant nextAttemptAt, boolean freeFailuresUsedUp) {}

    // KEYS: the tallies; ARGV: now (ms), then per key: free failures, first wait, longest wait, forget after (ms)
    private static final String RESERVE = """
            local now = tonumber(ARGV[1])
            local counts = {}
            local wait = 0
            for i, key in ipairs(KEYS) do
              local forget = tonumber(ARGV[i * 4 + 1])
              local state = redis.call('HMGET', key, 'f', 'n', 't')
              local f, n, t = tonumber(state[1] or '0'), tonumber(state[2] or '0'), tonumber(state[3] or '0')
              if now >= math.max(n, t) + forget then f = 0; n = 0 end
              counts[i] = f
              if n - now > wait then wait = n - now end
            end
            if wait > 0 then return {0, wait, 0, 0} end
            local first, used = 0, 0
            for i, key in ipairs(KEYS) do
              local free, firstWait, longest, forget = tonumber(ARGV[i * 4 - 2]), tonumber(ARGV[i * 4 - 1]),
                  tonumber(ARGV[i * 4]), tonumber(ARGV[i * 4 + 1])
              local f = counts[i] + 1
              local n = 0
              if f >= free then n = now + math.min(firstWait * 2 ^ math.min(f - free, 40), longest) end
              redis.call('HSET', key, 'f', f, 'n', n, 't', now)
              redis.call('PEXPIRE', key, math.max(n - now, 0) + forget)
              if i == 1 then
                first = n
                if f == free then used = 1 end
              end
            end
            return {1, 0, first, used}
            """;

    // KEYS: the tallies; ARGV: per key: 'REFUND' or 'CLEAR', then its free failures
    private static final String SETTLE = """
            for i, key in ipairs(KEYS) do
              if ARGV[i * 2 - 1] == 'CLEAR' then
                redis.call('DEL', key)
              else
                local f = tonumber(redis.call('HGET', key, 'f') or '0')
                if f > 0 then
                  redis.call('HSET', key, 'f', f - 1)
                  if f - 1 < tonumber(ARGV[i * 2]) then redis.call('HSET', key, 'n', 0) end
                end
              end
            end
            return 1
            """;

    private final RedisClient redis;
    private volatile StatefulRedisConnection<String, String> connection;
    private final RedisCircuit redisCircuit;
    private final Counter redisFailures;
    private final Clock clock;
    private final Cache<String, Count> local;

    /** @param longestKept the longest a count can be remembered (the longest wait plus its forget time) */
    BackOffs(RedisClient redis, RedisCircuit redisCircuit, Counter redisFailures, Clock clock, Duration longestKept) {
        this.redis = redis;
        this.redisCircuit = redisCircuit;
        this.redisFailures = redisFailures;
        this.clock = clock;
        this.local = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(longestKept)
                .build();
    }

    Reservation reserve(List<Tally> tallies) {
        long now = clock.millis();
        boolean outlivedAnOutage;
        synchronized (local) {
            List<Count> remembered = tallies.stream()
                    .map(tally -> local.getIfPresent(tally.key()))
                    .toList();
            outlivedAnOutage = remembered.stream().anyMatch(count -> count != null);
            long wait = waitOf(tallies, remembered, now);
            if (wait > 0) {
                return refused(wait);
            }
        }
        Optional<Reservation> shared = redisCircuit.call(() -> reserveInRedis(tallies, now), redisFailures);
        if (shared.isPresent() && (!outlivedAnOutage || !shared.get().granted())) {
            return shared.get();
        }
        Reservation mine;
        synchronized (local) {
            mine = reserveLocally(tallies, now);
        }
        if (shared.isPresent() && !mine.granted()) {
            redisCircuit.call(
                    () -> settleInRedis(
                            tallies,
                            tallies.stream().map(tally -> Settlement.REFUND).toList()),
                    redisFailures);
        }
        if (shared.isEmpty() || !mine.granted()) {
            return mine;
        }
        Reservation theirs = shared.get();
        return new Reservation(
                true,
                Duration.ZERO,
                theirs.nextAttemptAt().isAfter(mine.nextAttemptAt()) ? theirs.nextAttemptAt() : mine.nextAttemptAt(),
                theirs.freeFailuresUsedUp() || mine.freeFailuresUsedUp());
    }

    void settle(List<Tally> tallies, List<Settlement> settlements) {
        boolean inRedis = redisCircuit
                .call(() -> settleInRedis(tallies, settlements), redisFailures)
                .isPresent();
        synchronized (local) {
            for (int i = 0; i < tallies.size(); i++) {
                Count count = inRedis
                        ? local.getIfPresent(tallies.get(i).key())
                        : local.get(tallies.get(i).key(), ignored -> new Count());
                if (count != null) {
                    count.settle(settlements.get(i), tallies.get(i).policy());
                }
            }
        }
    }

    private Reservation reserveInRedis(List<Tally> tallies, long now) {
        List<String> arguments = new ArrayList<>();
        arguments.add(Long.toString(now));
        for (Tally tally : tallies) {
            BackOffPolicy policy = tally.policy();
            arguments.add(Integer.toString(policy.freeFailures()));
            arguments.add(Long.toString(policy.firstWait().toMillis()));
            arguments.add(Long.toString(policy.longestWait().toMillis()));
            arguments.add(Long.toString(policy.forgetAfter().toMillis()));
        }
        List<Long> result = connection()
                .sync()
                .eval(
                        RESERVE,
                        ScriptOutputType.MULTI,
                        tallies.stream().map(Tally::key).toArray(String[]::new),
                        arguments.toArray(String[]::new));
        if (result.get(0) == 0) {
            return refused(result.get(1));
        }
        return new Reservation(true, Duration.ZERO, Instant.ofEpochMilli(result.get(2)), result.get(3) == 1);
    }

    private Boolean settleInRedis(List<Tally> tallies, List<Settlement> settlements) {
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            arguments.add(settlements.get(i).name());
            arguments.add(Integer.toString(tallies.get(i).policy().freeFailures()));
        }
        connection()
                .sync()
                .eval(
                        SETTLE,
                        ScriptOutputType.INTEGER,
                        tallies.stream().map(Tally::key).toArray(String[]::new),
                        arguments.toArray(String[]::new));
        return Boolean.TRUE;
    }

    /** The same steps as {@link #RESERVE}, on this instance's counts. */
    private Reservation reserveLocally(List<Tally> tallies, long now) {
        List<Count> counts = tallies.stream()
                .map(tally -> local.get(tally.key(), ignored -> new Count()))
                .toList();
        long wait = waitOf(tallies, counts, now);
        if (wait > 0) {
            return refused(wait);
        }
        boolean usedUp = false;
        long first = 0;
        for (int i = 0; i < tallies.size(); i++) {
            Count count = counts.get(i);
            count.failed(tallies.get(i).policy(), now);
            if (i == 0) {
                first = count.next;
                usedUp = count.failures == tallies.get(i).policy().freeFailures();
            }
        }
        return new Reservation(true, Duration.ZERO, Instant.ofEpochMilli(first), usedUp);
    }

    private static long waitOf(List<Tally> tallies, List<Count> counts, long now) {
        long wait = 0;
        for (int i = 0; i < tallies.size(); i++) {
            Count count = counts.get(i);
            if (count != null) {
                count.forgetIfDue(tallies.get(i).policy(), now);
                wait = Math.max(wait, count.next - now);
            }
        }
        return wait;
    }

    private static Reservation refused(long waitMillis) {
        return new Reservation(false, Duration.ofMillis(waitMillis), null, false);
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                if (connection == null) {
                    connection = redis.connect();
                }
                current = connection;
            }
        }
        return current;
    }

    /** This instance's count of one tally; guarded by the cache's monitor. */
    private static final class Count {
        private int failures;
        private long next;
        private long last;

        void forgetIfDue(BackOffPolicy policy, long now) {
            if (now >= Math.max(next, last) + policy.forgetAfter().toMillis()) {
                failures = 0;
                next = 0;
            }
        }

        void failed(BackOffPolicy policy, long now) {
            forgetIfDue(policy, now);
            failures++;
            long wait = policy.waitMillisAfter(failures);
            next = wait == 0 ? 0 : now + wait;
            last = now;
        }

        void settle(Settlement settlement, BackOffPolicy policy) {
            if (settlement == Settlement.CLEAR) {
                failures = 0;
                next = 0;
            } else if (failures > 0) {
                failures--;
                if (failures < policy.freeFailures()) {
                    next = 0;
                }
            }
        }
    }
}
