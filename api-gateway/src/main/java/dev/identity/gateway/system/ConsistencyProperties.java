package dev.identity.gateway.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param readModelWait how long a write waits for the read model to show it before answering anyway
 * @param pollInterval how often the read model is checked while waiting
 */
@ConfigurationProperties("identity.consistency")
public record ConsistencyProperties(@DefaultValue("5s") Duration readModelWait,
                                    @DefaultValue("10ms") Duration pollInterval) {
}
