package dev.identity.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTimeout a session not refreshed for this long is over
 * @param absoluteLifetime a session is over this long after login, however often it is refreshed
 * @param ownersKept how many sessions' tenant and user each instance keeps in memory to route refreshes
 *                   (three 36-character ids and the cache's entry: about 350 bytes each, computed)
 */
@ConfigurationProperties("identity.session")
public record SessionProperties(
        @DefaultValue("7d") Duration idleTimeout,
        @DefaultValue("30d") Duration absoluteLifetime,
        @DefaultValue("10000") int ownersKept) {}
