package dev.identity.gateway.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param readModelWait how long a write waits for the read model to show it before answering anyway
 * @param pollInterval how often the read model is checked while waiting, when this instance's listener is
 *                     disconnected (otherwise a projection's notification wakes the wait)
 * @param fallbackInterval how often the read model is checked while waiting for a notification that does not
 *                         come (a bound, not the usual path: a notification comes as the batch commits)
 * @param stallCheckAfter how long a write waits before it asks whether its sequence is parked (most writes
 *                        show before, and ask nothing)
 * @param stallCheckInterval how often it asks again after that
 * @param instancesInterval how often each instance reads which instances are live, for what may lag a moment
 *                          (waking the others' event readers, sharing the processors' segments)
 * @param shareSegments whether the instances share the processors' segments; off, an instance keeps what it
 *                      claims
 */
@ConfigurationProperties("identity.consistency")
public record ConsistencyProperties(
        @DefaultValue("5s") Duration readModelWait,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("100ms") Duration fallbackInterval,
        @DefaultValue("50ms") Duration stallCheckAfter,
        @DefaultValue("250ms") Duration stallCheckInterval,
        @DefaultValue("2s") Duration instancesInterval,
        @DefaultValue("true") boolean shareSegments) {}
