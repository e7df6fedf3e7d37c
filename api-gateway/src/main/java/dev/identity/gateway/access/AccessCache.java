package dev.identity.gateway.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.identity.events.user.UserView;
import dev.identity.gateway.consistency.InstanceCache;
import dev.identity.gateway.consistency.Lease;
import dev.identity.gateway.system.RedisCircuit;
import dev.identity.query.access.Principal;
import dev.identity.query.access.Principals;
import dev.identity.query.access.SessionRecord;
import dev.identity.query.access.TenantAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sessions, users and tenants as authorization needs them: Caffeine first, then Redis (shared by the
 * instances), then PostgreSQL. Each part is evicted by its own aggregate's events.
 *
 * <p>An eviction also records the aggregate's version: a value older than that is never cached again,
 * here or from Redis. So an event that arrives before the projection has applied it cannot leave the
 * old state cached — the request reads the database until the projection catches up.
 *
 * <p>Both caches are trusted only while this instance holds its {@link Lease}: without it (the instance's
 * listener is down, starting, or cut off), a fence sent after a revocation may not have reached it, so every
 * lookup reads PostgreSQL, and nothing is cached. When the listener connects again, the in-process caches are
 * emptied ({@link #clear()}). Kafka's events evict as before; fences make the revocation's writer wait until
 * every instance has evicted (docs/adr/0002-revocation-is-fenced-across-instances.md).
 */
@Component
public class AccessCache implements InstanceCache {

    private static final Logger log = LoggerFactory.getLogger(AccessCache.class);
    private static final String REDIS_PREFIX = "identity:access:";

    private final Principals principals;
    private final StringRedisTemplate redis;
    private final RedisCircuit redisCircuit;
    private final CacheSeal seal;
    private final AccessCacheProperties properties;
    private final Lease lease;
    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final Cache<String, SessionRecord> sessions;
    private final Cache<String, UserView> users;
    private final Cache<String, TenantAccess> tenants;
    private final Cache<String, Long> evictedVersions;
    private final Counter redisHits;
    private final Counter redisMisses;
    private final Counter redisFailures;
    private final Counter redisForgeries;
    private final Counter withoutLease;

    AccessCache(
            Principals principals,
            StringRedisTemplate redis,
            RedisCircuit redisCircuit,
            CacheSeal seal,
            AccessCacheProperties properties,
            Lease lease,
            MeterRegistry meters) {
        this.principals = principals;
        this.redis = redis;
        this.redisCircuit = redisCircuit;
        this.seal = seal;
        this.properties = properties;
        this.lease = lease;
        this.sessions = CaffeineCacheMetrics.monitor(meters, cache(), "access.sessions");
        this.users = CaffeineCacheMetrics.monitor(meters, cache(), "access.users");
        this.tenants = CaffeineCacheMetrics.monitor(meters, cache(), "access.tenants");
        this.evictedVersions = Caffeine.newBuilder()
                .maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.timeToLive().multipliedBy(2))
                .build();
        this.redisHits = meters.counter("identity.access.redis", "result", "hit");
        this.redisMisses = meters.counter("identity.access.redis", "result", "miss");
        this.redisFailures = meters.counter("identity.access.redis.failures");
        this.redisForgeries = meters.counter("identity.access.redis.unsealed");
        this.withoutLease = Counter.builder("identity.access.without.lease")
                .description("Lookups that read PostgreSQL, skipping both caches, because the lease was not held")
                .register(meters);
    }

    /** The session's principal, if the session belongs to that user in that tenant. */
    public Optional<Principal> principal(String tenantId, String userId, String sessionId) {
        SessionRecord session = lookup(
                sessions, "session:", sessionId, SessionRecord.class, principals::session, SessionRecord::version);
        if (session == null
                || !session.userId().equals(userId)
                || !session.tenantId().equals(tenantId)) {
            return Optional.empty();
        }
        return user(tenantId, userId)
                .flatMap(user -> Optional.ofNullable(lookup(
                                tenants,
                                "tenant:",
                                tenantId,
                                TenantAccess.class,
                                principals::tenant,
                                TenantAccess::version))
                        .map(tenant -> Principal.of(session, user, tenant, Instant.now())));
    }

    public Optional<UserView> user(String tenantId, String userId) {
        return Optional.ofNullable(lookup(users, "user:", userId, UserView.class, principals::user, UserView::version))
                .filter(user -> user.tenantId().equals(tenantId));
    }

    /**
     * Forgets everything cached about the aggregate (a session, user or tenant id), and refuses to cache
     * anything older than {@code version} of it from now on.
     */
    public void evict(String aggregateId, long version) {
        evictLocally(aggregateId, version);
        withRedis(() -> redis.delete(List.of(
                REDIS_PREFIX + "session:" + aggregateId,
                REDIS_PREFIX + "user:" + aggregateId,
                REDIS_PREFIX + "tenant:" + aggregateId)));
    }

    /**
     * {@link #evict} without Redis: what another instance's fence needs, its writer having deleted the shared
     * entries already. An older value someone writes to Redis afterwards is refused here all the same.
     */
    @Override
    public void evictLocally(String aggregateId, long version) {
        evictedVersions.asMap().merge(aggregateId, version, Math::max);
        sessions.asMap().compute(aggregateId, (id, old) -> null);
        users.asMap().compute(aggregateId, (id, old) -> null);
        tenants.asMap().compute(aggregateId, (id, old) -> null);
    }

    /** Forgets every cached session, user and tenant of this instance (Redis is shared, and stays). */
    @Override
    public void clear() {
        sessions.invalidateAll();
        users.invalidateAll();
        tenants.invalidateAll();
    }

    private <V> V lookup(
            Cache<String, V> local,
            String kind,
            String id,
            Class<V> type,
            Function<String, Optional<V>> database,
            ToLongFunction<V> version) {
        long term = lease.term();
        if (!lease.held()) {
            withoutLease.increment();
            return database.apply(id).orElse(null);
        }
        V cached = local.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        V shared = fromRedis(kind + id, type);
        if (shared != null && fresh(id, version.applyAsLong(shared))) {
            redisHits.increment();
            keep(local, id, shared, version, term);
            return shared;
        }
        redisMisses.increment();
        V loaded = database.apply(id).orElse(null);
        if (loaded != null && keep(local, id, loaded, version, term)) {
            toRedis(kind + id, loaded);
        }
        return loaded;
    }

    /**
     * Caches the value unless an eviction has asked for a newer version, or the lease has been lost since the
     * lookup began (the value may predate a fence this instance missed); true if it was cached.
     */
    private <V> boolean keep(Cache<String, V> local, String id, V value, ToLongFunction<V> version, long term) {
        boolean[] kept = {false};
        local.asMap().compute(id, (key, old) -> {
            kept[0] = lease.term() == term && fresh(id, version.applyAsLong(value));
            return kept[0] ? value : old;
        });
        return kept[0];
    }

    private boolean fresh(String id, long version) {
        Long evicted = evictedVersions.getIfPresent(id);
        return evicted == null || version >= evicted;
    }

    private <V> V fromRedis(String key, Class<V> type) {
        String sealed = withRedis(() -> redis.opsForValue().get(REDIS_PREFIX + key));
        if (sealed == null) {
            return null;
        }
        Optional<String> value = seal.open(REDIS_PREFIX + key, sealed);
        if (value.isEmpty()) {
            redisForgeries.increment();
            log.warn("Ignoring a cache entry {} that no instance sealed: someone else writes to Redis", key);
            return null;
        }
        try {
            return json.readValue(value.get(), type);
        } catch (IOException e) {
            log.warn("Ignoring an unreadable cache entry {}", key);
            return null;
        }
    }

    private void toRedis(String key, Object value) {
        try {
            String serialized = seal.seal(REDIS_PREFIX + key, json.writeValueAsString(value));
            withRedis(() -> {
                redis.opsForValue().set(REDIS_PREFIX + key, serialized, properties.timeToLive());
                return null;
            });
        } catch (IOException e) {
            log.warn("Cannot cache {} in Redis: {}", key, e.getClass().getSimpleName());
        }
    }

    /** Redis is an optimisation: when it fails, or is being skipped, PostgreSQL answers. */
    private <T> T withRedis(Supplier<T> call) {
        return redisCircuit.call(call, redisFailures).orElse(null);
    }

    private <V> Cache<String, V> cache() {
        return Caffeine.newBuilder()
                .maximumSize(properties.maximumSize())
                .expireAfterWrite(properties.timeToLive())
                .recordStats()
                .build();
    }
}
