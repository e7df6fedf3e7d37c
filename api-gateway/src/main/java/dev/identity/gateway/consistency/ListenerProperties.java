package dev.identity.gateway.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lease how long after its last confirmed round trip was sent the instance still trusts its caches;
 *              also how long, plus {@code fenceMargin}, a write waits for a silent instance's acknowledgement
 * @param heartbeatInterval how often the listener proves its connection with a round trip; well below
 *                          {@code lease}, so one slow round trip does not cost the lease
 * @param roundTripTimeout how long a round trip (or opening the connection) may take before the connection
 *                         is given up and opened again
 * @param reconnectBackoff the first pause before opening a broken connection again; doubled on each failure
 * @param maxReconnectBackoff the longest pause between attempts
 * @param fenceMargin added to {@code lease} in a fence's wait: covers the silent instance's last request that
 *                    found the lease held, and clock rate differences between machines
 */
@ConfigurationProperties("identity.consistency.listener")
public record ListenerProperties(
        @DefaultValue("2s") Duration lease,
        @DefaultValue("250ms") Duration heartbeatInterval,
        @DefaultValue("1s") Duration roundTripTimeout,
        @DefaultValue("100ms") Duration reconnectBackoff,
        @DefaultValue("5s") Duration maxReconnectBackoff,
        @DefaultValue("500ms") Duration fenceMargin) {

    public ListenerProperties {
        if (heartbeatInterval.compareTo(lease) >= 0 || roundTripTimeout.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("identity.consistency.listener: heartbeat-interval and "
                    + "round-trip-timeout must be shorter than lease");
        }
    }

    /** The longest a fence waits for acknowledgements. */
    Duration fenceWait() {
        return lease.plus(fenceMargin);
    }
}
