package dev.identity.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.query.replay.ProjectionRebuilds;
import dev.identity.query.replay.Rebuild;
import dev.identity.query.replay.RebuildableProjection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads every processor's tokens from the token store (so it sees segments other instances own, without
 * claiming any) and compares them with the head of the event store. Samples every 5 s to measure speed,
 * and logs the progress of any processor that is replaying or far behind.
 */
@Component
class ProcessorMonitor {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMonitor.class);
    private static final long FAR_BEHIND = 1000;

    private final JdbcClient jdbc;
    private final ProjectionRebuilds rebuilds;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Sample> lastSamples = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private final Map<String, ProcessorStatus> sampled = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    private record Sample(long position, long nanos) {
    }

    private record Segment(String owner, long position, boolean replaying, long resetPosition) {
    }

    ProcessorMonitor(JdbcClient jdbc, ProjectionRebuilds rebuilds, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.rebuilds = rebuilds;
        this.meters = meters;
    }

    List<ProcessorStatus> status() {
        long head = head();
        Map<String, List<Segment>> processors = segmentsByProcessor();
        List<ProcessorStatus> result = new ArrayList<>();
        processors.forEach((name, segments) -> {
            if (name.startsWith(ProjectionRebuilds.PROCESSOR_PREFIX)) {
                return; // shown with the projections it rebuilds
            }
            long position = position(segments);
            long lag = Math.max(0, head - Math.max(0, position)); // position -1: nothing processed yet
            Rebuild rebuild = RebuildableProjection.named(name).flatMap(rebuilds::latest).orElse(null);
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
                replaying = segments.stream().anyMatch(Segment::replaying);
                long resetAt = segments.stream().mapToLong(Segment::resetPosition).max().orElse(0);
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
            List<String> owners = segments.stream().map(Segment::owner).filter(owner -> owner != null).distinct()
                    .sorted().toList();
            result.add(new ProcessorStatus(name, segments.size(), position, head, lag, replaying, progress, rate, eta,
                    owners, rebuild));
        });
        return result;
    }

    @Scheduled(fixedDelayString = "${identity.operations.sample-interval:5s}")
    void sample() {
        long now = System.nanoTime();
        segmentsByProcessor().forEach((name, segments) -> {
            Sample previous = lastSamples.put(name, new Sample(position(segments), now));
            if (previous != null && now > previous.nanos()) {
                rates.put(name, (position(segments) - previous.position()) / ((now - previous.nanos()) / 1e9));
            }
        });
        for (ProcessorStatus processor : status()) {
            if (sampled.put(processor.name(), processor) == null) {
                registerGauges(processor.name());
            }
            String rate = processor.eventsPerSecond() == null ? "?" : String.valueOf(Math.round(processor.eventsPerSecond()));
            String eta = processor.etaSeconds() == null ? "?" : String.valueOf(processor.etaSeconds());
            Rebuild rebuild = processor.rebuild();
            if (processor.replaying() && rebuild != null && rebuild.inProgress()) {
                log.info("Projection {}: rebuild {} at position {} of {} ({}% done), {} events/s, about {} s to go;"
                                + " its served tables are at position {}", processor.name(), rebuild.processor(),
                        rebuild.position(), processor.head(), Math.round(processor.progress() * 100), rate, eta,
                        processor.position());
            } else if (processor.replaying() || processor.lag() > FAR_BEHIND) {
                log.info("Processor {}: position {} of {} (lag {}), replaying {}{}, {} events/s, about {} s to go",
                        processor.name(), processor.position(), processor.head(), processor.lag(), processor.replaying(),
                        processor.progress() == null ? "" : " (" + Math.round(processor.progress() * 100) + "% done)",
                        rate, eta);
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
                .tag("processor", name).register(meters);
        Gauge.builder("identity.processor.replaying", sampled, all -> all.get(name).replaying() ? 1 : 0)
                .description("1 while the processor is rebuilt (or, the Kafka publisher, rewound)")
                .tag("processor", name).register(meters);
        Gauge.builder("identity.processor.replay.progress", sampled, all -> {
                    Double progress = all.get(name).progress();
                    return progress == null ? 1.0 : progress;
                })
                .description("Share of the history a rebuild or rewind has replayed (1 when none runs)")
                .tag("processor", name).register(meters);
    }

    /** Every event up to it is processed, by every segment; -1 before anything is. */
    private static long position(List<Segment> segments) {
        return segments.stream().mapToLong(Segment::position).min().orElse(-1);
    }

    /** The newest position in the event store. */
    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private Map<String, List<Segment>> segmentsByProcessor() {
        Map<String, List<Segment>> processors = new TreeMap<>();
        jdbc.sql("""
                        SELECT processor_name, owner, convert_from(token, 'UTF8') AS token FROM token_entry
                        WHERE processor_name <> '__config' ORDER BY processor_name, segment""")
                .query(rs -> {
                    processors.computeIfAbsent(rs.getString("processor_name"), name -> new ArrayList<>())
                            .add(segment(rs.getString("owner"), rs.getString("token")));
                });
        return processors;
    }

    /**
     * Tokens are JSON: a gap-aware token ({@code index}), or a replay token wrapping two of them. A replay
     * token stays in place until an event newer than the reset arrives; from the reset position on, the
     * processor no longer counts as replaying.
     */
    private Segment segment(String owner, String token) {
        if (token == null) {
            return new Segment(owner, -1, false, 0);
        }
        try {
            JsonNode node = json.readTree(token);
            if (node.has("tokenAtReset")) {
                long position = node.path("currentToken").path("index").asLong(-1);
                long resetPosition = node.path("tokenAtReset").path("index").asLong(0);
                return new Segment(owner, position, position < resetPosition, resetPosition);
            }
            return new Segment(owner, node.path("index").asLong(-1), false, 0);
        } catch (IOException e) {
            return new Segment(owner, -1, false, 0);
        }
    }
}
