package dev.identity.gateway.operations;

import dev.identity.query.replay.ProjectionRebuilds;
import dev.identity.query.replay.Rebuild;
import dev.identity.query.system.StoredTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Reads every processor's tokens from the token store (so it sees segments other instances own, without
 * claiming any) and compares them with the head of the event store. Samples every 5 s to measure speed,
 * and logs the progress of any processor that is replaying or far behind.
 */
@Component
class ProcessorMonitor implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMonitor.class);
    private static final long FAR_BEHIND = 1000;

    private final JdbcClient jdbc;
    private final StoredTokens storedTokens;
    private final ProjectionRebuilds rebuilds;
    private final Map<String, Sample> lastSamples = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private final Map<String, ProcessorStatus> sampled = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final OperationsProperties properties;

    private record Sample(long position, long nanos) {}

    ProcessorMonitor(
            JdbcClient jdbc,
            StoredTokens storedTokens,
            ProjectionRebuilds rebuilds,
            MeterRegistry meters,
            OperationsProperties properties) {
        this.jdbc = jdbc;
        this.storedTokens = storedTokens;
        this.rebuilds = rebuilds;
        this.meters = meters;
        this.properties = properties;
    }

    List<ProcessorStatus> status() {
        return status(storedTokens.byProcessor());
    }

    private List<ProcessorStatus> status(Map<String, List<StoredTokens.Segment>> processors) {
        long head = head();
        Map<String, Rebuild> latestRebuilds = rebuilds.latestOfEach();
        List<ProcessorStatus> result = new ArrayList<>();
        processors.forEach((name, segments) -> {
            if (name.startsWith(ProjectionRebuilds.PROCESSOR_PREFIX)) {
                return; // shown with the projections it rebuilds
            }
            long position = StoredTokens.position(segments);
            long lag = Math.max(0, head - Math.max(0, position)); // position -1: nothing processed yet
            Rebuild rebuild = latestRebuilds.get(name);
            boolean rebuilding = rebuild != null && rebuild.inProgress() && !rebuilds.abandoned(rebuild);
            boolean replaying;
            Double progress = null;
            Double rate;
            long remaining;
            if (rebuilding) {
                // a rebuild replays in a processor of its own; the live one keeps the served tables current
                replaying = true;
                progress = rebuild.progress();
                rate = rates.get(rebuild.processor());
                remaining = Math.max(0, head - Math.max(0, rebuild.position()));
            } else {
                replaying = segments.stream().anyMatch(StoredTokens.Segment::replaying);
                long resetAt = segments.stream()
                        .mapToLong(StoredTokens.Segment::resetPosition)
                        .max()
                        .orElse(0);
                if (replaying && resetAt > 0) {
                    progress = Math.min(1.0, Math.max(0, position) / (double) resetAt);
                }
                rate = rates.get(name);
                remaining = lag;
            }
            Long eta = null;
            if (remaining == 0) {
                eta = 0L;
            } else if (rate != null && rate > 0) {
                eta = Math.round(remaining / rate);
            }
            List<String> owners = segments.stream()
                    .map(StoredTokens.Segment::owner)
                    .filter(owner -> owner != null)
                    .distinct()
                    .sorted()
                    .toList();
            result.add(new ProcessorStatus(
                    name, segments.size(), position, head, lag, replaying, progress, rate, eta, owners, rebuild));
        });
        return result;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sample, properties.sampleInterval());
    }

    void sample() {
        long now = System.nanoTime();
        Map<String, List<StoredTokens.Segment>> processors = storedTokens.byProcessor();
        processors.forEach((name, segments) -> {
            long position = StoredTokens.position(segments);
            Sample previous = lastSamples.put(name, new Sample(position, now));
            if (previous != null && now > previous.nanos()) {
                rates.put(name, (position - previous.position()) / ((now - previous.nanos()) / 1e9));
            }
        });
        for (ProcessorStatus processor : status(processors)) {
            if (sampled.put(processor.name(), processor) == null) {
                registerGauges(processor.name());
            }
            String rate =
                    processor.eventsPerSecond() == null ? "?" : String.valueOf(Math.round(processor.eventsPerSecond()));
            String eta = processor.etaSeconds() == null ? "?" : String.valueOf(processor.etaSeconds());
            Rebuild rebuild = processor.rebuild();
            if (processor.replaying() && rebuild != null && rebuild.inProgress()) {
                log.info(
                        "Projection {}: rebuild {} at position {} of {} ({}% done), {} events/s, about {} s to go;"
                                + " its served tables are at position {}",
                        processor.name(),
                        rebuild.processor(),
                        rebuild.position(),
                        processor.head(),
                        Math.round(processor.progress() * 100),
                        rate,
                        eta,
                        processor.position());
            } else if (processor.replaying() || processor.lag() > FAR_BEHIND) {
                log.info(
                        "Processor {}: position {} of {} (lag {}), replaying {}{}, {} events/s, about {} s to go",
                        processor.name(),
                        processor.position(),
                        processor.head(),
                        processor.lag(),
                        processor.replaying(),
                        processor.progress() == null ? "" : " (" + Math.round(processor.progress() * 100) + "% done)",
                        rate,
                        eta);
            }
        }
    }

    /**
     * What the last sample found, for alerting: {@code identity_processor_lag} (events behind the head),
     * {@code identity_processor_replaying} (1 while rebuilt or rewound) and
     * {@code identity_processor_replay_progress} (0..1; 1 when not replaying), per processor.
     */
    private void registerGauges(String name) {
        Gauge.builder("identity.processor.lag", sampled, all -> all.get(name).lag())
                .description("Events the processor is behind the head of the event store")
                .tag("processor", name)
                .register(meters);
        Gauge.builder(
                        "identity.processor.replaying",
                        sampled,
                        all -> all.get(name).replaying() ? 1 : 0)
                .description("1 while the processor is rebuilt (or, the Kafka publisher, rewound)")
                .tag("processor", name)
                .register(meters);
        Gauge.builder("identity.processor.replay.progress", sampled, all -> {
                    Double progress = all.get(name).progress();
                    return progress == null ? 1.0 : progress;
                })
                .description("Share of the history a rebuild or rewind has replayed (1 when none runs)")
                .tag("processor", name)
                .register(meters);
    }

    /** The newest position in the event store. */
    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }
}
