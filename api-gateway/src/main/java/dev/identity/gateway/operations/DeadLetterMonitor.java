package dev.identity.gateway.operations;

import dev.identity.query.deadletter.DeadLetters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Counts what every processor has parked, for alerting: the gauge {@code identity_dead_letters{processor}},
 * and the health component {@code deadLetters}, DEGRADED while anything is parked. Degraded, not down: the
 * other sequences flow, so the instance stays ready and in its load balancer; an operator has work to do.
 * Health reads the last sample, so probes cost no query.
 */
// Health names the component after the bean, less the suffix; a bean named "deadLetters" would collide with
// the query side's DeadLetters and stop the application from starting
@Component("deadLettersHealthIndicator")
class DeadLetterMonitor implements HealthIndicator, SchedulingConfigurer {

    static final Status DEGRADED = new Status("DEGRADED", "Some events are parked in a dead-letter queue");

    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final OperationsProperties properties;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    DeadLetterMonitor(DeadLetters deadLetters, MeterRegistry meters, OperationsProperties properties) {
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sample, properties.sampleInterval());
    }

    void sample() {
        Map<String, Long> current = deadLetters.countsByProcessor();
        counts.replaceAll((processor, count) -> current.getOrDefault(processor, 0L));
        current.forEach((processor, count) -> {
            if (counts.put(processor, count) == null) {
                Gauge.builder("identity.dead.letters", counts, all -> all.getOrDefault(processor, 0L))
                        .description("Events the processor has parked in its dead-letter queue")
                        .tag("processor", processor)
                        .register(meters);
            }
        });
    }

    @Override
    public Health health() {
        Map<String, Long> parked = new TreeMap<>();
        counts.forEach((processor, count) -> {
            if (count > 0) {
                parked.put(processor, count);
            }
        });
        return parked.isEmpty()
                ? Health.up().build()
                : Health.status(DEGRADED).withDetails(Map.copyOf(parked)).build();
    }
}
