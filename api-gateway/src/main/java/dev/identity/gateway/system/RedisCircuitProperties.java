package dev.identity.gateway.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryAfter after a Redis failure, how long the access cache and the login throttle do without
 *                   Redis before one call tries it again
 */
@ConfigurationProperties("identity.redis")
public record RedisCircuitProperties(@DefaultValue("5s") Duration retryAfter) {}
