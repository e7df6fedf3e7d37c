package dev.identity.gateway.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeToLive how long a cached session, user or tenant is trusted without an eviction: the most a
 *                   change can take to apply on an instance that missed its event (Kafka down)
 * @param maximumSize entries per in-process cache (sessions, users, tenants, verified tokens)
 */
@ConfigurationProperties("identity.access-cache")
public record AccessCacheProperties(
        @DefaultValue("60s") Duration timeToLive,
        @DefaultValue("100000") long maximumSize) {}
