package dev.identity.query.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkInterval how often the instance running a rebuild reports its progress and tries the switch
 * @param segments how many threads a rebuild's processor projects with; each reads the event store, once for
 *        all the projections rebuilt together
 * @param batchSize events per transaction while rebuilding
 * @param switchWait how long the switch holds the live processors while the rebuild catches up with them
 * @param abandonedAfter a rebuild whose instance has not reported for this long is taken to have died: asked
 *        for again, it goes on where it stopped on the instance asked (or starts afresh, if asked for other
 *        projections)
 */
@ConfigurationProperties("identity.replay")
public record ReplayProperties(
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("2") int segments,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2s") Duration switchWait,
        @DefaultValue("30s") Duration abandonedAfter) {}
