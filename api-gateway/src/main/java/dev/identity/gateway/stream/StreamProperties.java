package dev.identity.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic where every event goes; the version in its name changes only with an incompatible envelope
 * @param partitions partitions of the topic when this service creates it
 * @param ackTimeout how long a batch waits for Kafka's acknowledgements before it is retried
 */
@ConfigurationProperties("identity.stream")
public record StreamProperties(
        @DefaultValue("identity.events.v1") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("30s") Duration ackTimeout) {}
