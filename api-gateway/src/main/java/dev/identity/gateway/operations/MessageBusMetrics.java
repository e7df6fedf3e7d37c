package dev.identity.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One timer per command or query type and outcome, {@code identity.messages{bus, type, outcome}}, built once.
 * Axon's own monitors count, time and measure capacity, building their meters again for every message, which
 * showed in the write path's stack samples. The event store and bus get
 * none: the event processors' latency and positions already show what flows through them.
 */
@Configuration(proxyBeanMethods = false)
class MessageBusMetrics {

    static final String METER = "identity.messages";

    @Bean
    ConfigurerModule messageBusTimers(MeterRegistry registry) {
        return configurer -> {
            configurer.configureMessageMonitor(
                    CommandBus.class, (configuration, type, name) -> timed(registry, "command"));
            configurer.configureMessageMonitor(QueryBus.class, (configuration, type, name) -> timed(registry, "query"));
            configurer.configureMessageMonitor(
                    EventStore.class, (configuration, type, name) -> NoOpMessageMonitor.instance());
            configurer.configureMessageMonitor(
                    EventBus.class, (configuration, type, name) -> NoOpMessageMonitor.instance());
        };
    }

    private static MessageMonitor<Message<?>> timed(MeterRegistry registry, String bus) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return message -> {
            String type = message.getPayloadType().getSimpleName();
            long started = System.nanoTime();
            return new MessageMonitor.MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record("success");
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record("failure");
                }

                @Override
                public void reportIgnored() {
                    record("ignored");
                }

                private void record(String outcome) {
                    timers.computeIfAbsent(
                                    type + '/' + outcome,
                                    key -> Timer.builder(METER)
                                            .tag("bus", bus)
                                            .tag("type", type)
                                            .tag("outcome", outcome)
                                            .register(registry))
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            };
        };
    }
}
