package dev.identity.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event processors report only their latency ({@code eventProcessor_latency{processorName}}: how old the
 * last processed event was). Axon's default monitors build their timers and counters again for every
 * message, which took a large share of the CPU of a replay; positions, lag and events per second are in
 * {@code GET /api/v1/admin/projections} instead. Command and query buses have {@link MessageBusMetrics}.
 */
@Configuration(proxyBeanMethods = false)
class EventProcessorMetrics {

    @Bean
    ConfigurerModule eventProcessorLatencyOnly(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(
                EventProcessor.class,
                (configuration, componentType, processorName) -> latency(registry, processorName));
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // processors only ever pass it event messages
    private static MessageMonitor<Message<?>> latency(MeterRegistry registry, String processorName) {
        return (MessageMonitor) EventProcessorLatencyMonitor.builder()
                .meterNamePrefix("eventProcessor")
                .meterRegistry(registry)
                .tagsBuilder(message -> Tags.of("processorName", processorName))
                .build();
    }
}
