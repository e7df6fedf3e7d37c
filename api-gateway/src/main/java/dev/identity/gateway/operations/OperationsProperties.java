package dev.identity.gateway.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sampleInterval how often the processors' progress and the dead-letter queues are sampled (and a
 *                       replay's progress logged)
 */
@ConfigurationProperties("identity.operations")
public record OperationsProperties(@DefaultValue("5s") Duration sampleInterval) {}
