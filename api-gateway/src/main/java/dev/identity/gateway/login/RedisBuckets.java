package dev.identity.gateway.login;

import dev.identity.gateway.system.RedisCircuit;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bucket4j keeps its buckets in Redis through a Lettuce client of its own, pointed at the same Redis as
 * the rest of the application ({@code spring.data.redis.*}); so do the back-off counts. Buckets expire once
 * they would be full again.
 */
@Configuration(proxyBeanMethods = false)
class RedisBuckets {

    @Bean(destroyMethod = "shutdown")
    RedisClient bucketRedisClient(RedisProperties redis) {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(redis.getHost())
                .withPort(redis.getPort())
                .withDatabase(redis.getDatabase())
                .withTimeout(redis.getTimeout() == null ? Duration.ofSeconds(1) : redis.getTimeout());
        if (redis.getPassword() != null) {
            uri.withAuthentication(
                    redis.getUsername() == null ? "default" : redis.getUsername(),
                    redis.getPassword().toCharArray());
        }
        return RedisClient.create(uri.build());
    }

    @Bean
    LoginThrottle loginThrottle(
            RedisClient bucketRedisClient,
            RedisCircuit redisCircuit,
            LoginProperties properties,
            MeterRegistry meters) {
        Counter redisFailures = meters.counter("identity.login.throttle.redis.failures");
        return new LoginThrottle(
                new Buckets(
                        bucketRedisClient,
                        client -> loginBuckets(client, properties),
                        redisCircuit,
                        redisFailures,
                        properties.longestKept()),
                new BackOffs(
                        bucketRedisClient, redisCircuit, redisFailures, Clock.systemUTC(), properties.longestKept()),
                properties);
    }

    /** Connects to Redis: called lazily by the throttle, so that Redis being down never stops start-up. */
    static ProxyManager<byte[]> loginBuckets(RedisClient client, LoginProperties properties) {
        return Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(properties.window()))
                .build();
    }
}
