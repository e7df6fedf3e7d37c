package dev.identity.query.replay;

import dev.identity.query.deadletter.Evictions;
import dev.identity.query.deadletter.PoisonIsolation;
import dev.identity.query.system.AsynchronousCommit;
import dev.identity.query.system.StoredTokens;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds projections from the first event while their tables keep answering reads, and keep being
 * updated.
 *
 * <p>Starting creates empty shadow copies of the projections' tables and a processor of the rebuild's own
 * ({@link RebuildProcessor}) on this instance, which replays the whole event store into them. The live
 * processors go on as before, on every instance, so reads and access checks stay current throughout. Once
 * the replay has passed the head as it was at the start, the switch holds the live processors for a moment,
 * lets the replay catch up with them, and puts the shadow tables in place of the served ones in one
 * transaction. The live processors then go on from their own tokens on the new tables; events the replay
 * had already applied beyond those tokens are applied again, which the projections are built to ignore.
 *
 * <p>The instance running a rebuild owns it and reports on it every {@link ReplayProperties#checkInterval()}.
 * If it stops reporting (it died, or shut down), the rebuild may be taken over by whichever instance is asked
 * for it next.
 */
@Component
@EnableConfigurationProperties(ReplayProperties.class)
public class ProjectionRebuilds implements SchedulingConfigurer {

    /** How rebuild processors are named: in the token store, and in logs. */
    public static final String PROCESSOR_PREFIX = "rebuild-";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StoredTokens storedTokens;
    private final ShadowTables shadowTables;
    private final ReplayProperties properties;
    private final ApplicationContext beans;
    private final ObjectProvider<Configuration> axon;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "#" + shortId();
    private final Map<String, RebuildProcessor> running = new ConcurrentHashMap<>();
    private final Set<String> waitingForOperator = ConcurrentHashMap.newKeySet();
    private final PoisonIsolation isolation;
    private final Evictions evictions;

    ProjectionRebuilds(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            StoredTokens storedTokens,
            ReplayProperties properties,
            ApplicationContext beans,
            ObjectProvider<Configuration> axon,
            PoisonIsolation isolation,
            Evictions evictions) {
        this.isolation = isolation;
        this.evictions = evictions;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.storedTokens = storedTokens;
        this.shadowTables = new ShadowTables(jdbc, dataSource);
        this.properties = properties;
        this.beans = beans;
        this.axon = axon;
    }

    /** A rebuild that cannot start now; the message says why and is safe to show. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Starts one rebuild of the given projections, replayed together by one processor on this instance.
     *
     * @throws Refused when one of them is being rebuilt already
     */
    public List<Rebuild> start(Collection<RebuildableProjection> projections) {
        String processor = transactions.execute(transaction -> {
            // one start at a time, on every instance: two would each find the other's rows not yet there
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('projection_rebuilds'))")
                    .query(Object.class)
                    .list();
            Map<String, Rebuild> latest = latestOfEach();
            List<Rebuild> unfinished = new ArrayList<>();
            for (RebuildableProjection projection : projections) {
                Optional<Rebuild> running = Optional.ofNullable(latest.get(projection.processingGroup()))
                        .filter(Rebuild::inProgress);
                if (running.isPresent() && !abandoned(running.get())) {
                    throw new Refused("A rebuild of " + projection.processingGroup() + " is in progress on "
                            + running.get().owner() + ".");
                }
                running.ifPresent(unfinished::add);
            }
            Optional<String> resumable = resumable(projections, unfinished, latest.values());
            if (resumable.isPresent()) {
                jdbc.sql("UPDATE projection_rebuilds SET owner = :owner, heartbeat_at = now()"
                                + " WHERE rebuild_processor = :processor AND finished_at IS NULL")
                        .param("owner", owner)
                        .param("processor", resumable.get())
                        .update();
                return resumable.get();
            }
            return startAfresh(projections);
        });
        try {
            running.put(
                    processor,
                    RebuildProcessor.start(
                            processor,
                            projections.stream()
                                    .<Object>map(projection -> beans.getBean(projection.handlerType()))
                                    .toList(),
                            List.of(new ShadowRouting(jdbc, processor), new AsynchronousCommit(jdbc)),
                            axon.getObject(),
                            beans.getBean(TokenStore.class),
                            beans.getBean(TransactionManager.class),
                            properties,
                            deadLetterQueue(processor),
                            isolation,
                            new EvictionsHonoured(
                                    evictions,
                                    projections.stream()
                                            .collect(Collectors.toMap(
                                                    RebuildableProjection::handlerType,
                                                    RebuildableProjection::processingGroup)))));
        } catch (RuntimeException e) {
            abandon(processor);
            throw e;
        }
        Map<String, Rebuild> latest = latestOfEach();
        List<Rebuild> started = projections.stream()
                .map(projection -> latest.get(projection.processingGroup()))
                .toList();
        Rebuild first = started.get(0);
        log.info(
                "Rebuilding {} in processor {} up to position {} and on, {}; reads are served by the current tables,"
                        + " kept up to date, until the rebuilt ones have caught up",
                started.stream().map(Rebuild::processingGroup).toList(),
                processor,
                first.headAtStart(),
                first.position() < 0 ? "from the first event" : "taken over at position " + first.position());
        return started;
    }

    /** The rebuild's own dead-letter queue, in Axon's table under the rebuild processor's name. */
    private SequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(String processor) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processor)
                .connectionProvider(beans.getBean(ConnectionProvider.class))
                .schema(beans.getBean(DeadLetterSchema.class))
                .transactionManager(beans.getBean(TransactionManager.class))
                .genericSerializer(beans.getBean(Serializer.class))
                .eventSerializer(beans.getBean("eventSerializer", Serializer.class))
                .build();
    }

    /** The parked sequences of a rebuild this instance runs, for an operator's retry. */
    public Optional<SequencedDeadLetterProcessor<EventMessage<?>>> deadLetters(String processor) {
        return Optional.ofNullable(running.get(processor)).map(RebuildProcessor::deadLetters);
    }

    /** Empty shadow tables, and the rows of a new rebuild; returns the name of its processor. */
    private String startAfresh(Collection<RebuildableProjection> projections) {
        String started = PROCESSOR_PREFIX + shortId();
        // what an earlier, unfinished rebuild of these projections parked is about tables that are replaced now
        jdbc.sql("""
                        DELETE FROM dead_letter_entry WHERE processing_group IN (
                            SELECT rebuild_processor FROM projection_rebuilds
                            WHERE processing_group IN (:groups) AND finished_at IS NULL)""")
                .param(
                        "groups",
                        projections.stream()
                                .map(RebuildableProjection::processingGroup)
                                .toList())
                .update();
        for (RebuildableProjection projection : projections) {
            shadowTables.create(projection);
            jdbc.sql("""
                            INSERT INTO projection_rebuilds (processing_group, shadow_schema, rebuild_processor, owner,
                                                             head_at_start, position, started_at, heartbeat_at)
                            VALUES (:group, :schema, :processor, :owner,
                                    (SELECT coalesce(max(global_index), 0) FROM domain_event_entry), -1, now(), now())
                            ON CONFLICT (processing_group) DO UPDATE
                            SET shadow_schema = EXCLUDED.shadow_schema, rebuild_processor = EXCLUDED.rebuild_processor,
                                owner = EXCLUDED.owner, head_at_start = EXCLUDED.head_at_start,
                                position = EXCLUDED.position, started_at = EXCLUDED.started_at,
                                heartbeat_at = EXCLUDED.heartbeat_at, finished_at = NULL""")
                    .param("group", projection.processingGroup())
                    .param("schema", projection.shadowSchema())
                    .param("processor", started)
                    .param("owner", owner)
                    .update();
        }
        forgetEndedRebuildTokens();
        return started;
    }

    /**
     * An abandoned rebuild of exactly the projections asked for goes on where it stopped: its shadow tables
     * and tokens are kept, and its processor resumes from them on this instance.
     */
    private static Optional<String> resumable(
            Collection<RebuildableProjection> projections, List<Rebuild> unfinished, Collection<Rebuild> latest) {
        if (unfinished.size() != projections.size()
                || unfinished.stream().map(Rebuild::processor).distinct().count() != 1) {
            return Optional.empty();
        }
        String processor = unfinished.get(0).processor();
        long projectionsOfThatRebuild = latest.stream()
                .filter(rebuild -> rebuild.inProgress() && processor.equals(rebuild.processor()))
                .count();
        return projectionsOfThatRebuild == projections.size() ? Optional.of(processor) : Optional.empty();
    }

    /** The latest rebuild of every projection that has been rebuilt, by processing group. */
    public Map<String, Rebuild> latestOfEach() {
        return jdbc
                .sql("""
                        SELECT processing_group, rebuild_processor, head_at_start, position, owner, started_at,
                               heartbeat_at, finished_at
                        FROM projection_rebuilds""")
                .query((rs, row) -> new Rebuild(
                        rs.getString("processing_group"),
                        rs.getString("rebuild_processor"),
                        rs.getLong("head_at_start"),
                        rs.getLong("position"),
                        rs.getString("owner"),
                        instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("heartbeat_at")),
                        instant(rs.getTimestamp("finished_at"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Rebuild::processingGroup, rebuild -> rebuild));
    }

    /** An unfinished rebuild whose instance has stopped reporting on it: it died, or was shut down. */
    public boolean abandoned(Rebuild rebuild) {
        return rebuild.inProgress()
                && (rebuild.heartbeatAt() == null
                        || rebuild.heartbeatAt().isBefore(Instant.now().minus(properties.abandonedAfter())));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::reportAndSwitch, properties.checkInterval());
    }

    /** Reports the progress of the rebuilds this instance runs, and switches in those that have caught up. */
    public void reportAndSwitch() {
        running.keySet().forEach(processor -> {
            try {
                List<StoredTokens.Segment> replayed = storedTokens.of(processor);
                long position = StoredTokens.position(replayed);
                Optional<Long> headAtStart = jdbc
                        .sql("""
                                UPDATE projection_rebuilds SET position = :position, heartbeat_at = now()
                                WHERE rebuild_processor = :processor AND owner = :owner AND finished_at IS NULL
                                RETURNING head_at_start""")
                        .param("position", position)
                        .param("processor", processor)
                        .param("owner", owner)
                        .query(Long.class)
                        .list()
                        .stream()
                        .findFirst();
                if (headAtStart.isEmpty()) {
                    // this instance failed to report for too long, and another one has taken the rebuild over
                    log.warn("Rebuild {} was taken over by another instance; stopping it here", processor);
                    stop(processor);
                } else if (!replayed.isEmpty() && (position >= headAtStart.get() || headAtStart.get() == 0)) {
                    trySwitch(processor);
                }
            } catch (DataAccessException e) {
                log.warn(
                        "Rebuild {}: could not report progress ({})",
                        processor,
                        e.getMostSpecificCause().getMessage());
            }
        });
    }

    private void trySwitch(String processor) {
        List<RebuildableProjection> projections =
                jdbc.sql("""
                        SELECT processing_group FROM projection_rebuilds
                        WHERE rebuild_processor = :processor AND finished_at IS NULL""").param("processor", processor).query(String.class).list().stream()
                        .flatMap(group -> RebuildableProjection.named(group).stream())
                        .toList();
        if (projections.isEmpty()) {
            return;
        }
        if (hasParkedEvents(processor)) {
            if (waitingForOperator.add(processor)) {
                log.warn(
                        "Rebuild {} has caught up but parked events it could not apply; it switches in once an"
                                + " operator has retried or evicted them (GET /api/v1/admin/dead-letters)",
                        processor);
            }
            return;
        }
        try {
            if (!Boolean.TRUE.equals(transactions.execute(transaction -> {
                if (!lockRebuild(processor)) {
                    return false;
                }
                projections.forEach(shadowTables::index);
                return true;
            }))) {
                return;
            }
            boolean switched = Boolean.TRUE.equals(transactions.execute(transaction -> {
                // readers queue behind the switch's exclusive locks: wait briefly for a long reader, retry later
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                if (!holdLiveProcessorsUntilCaughtUp(processor, projections)) {
                    return false;
                }
                if (!lockRebuild(processor)) {
                    return false;
                }
                projections.forEach(shadowTables::swapIn);
                // the rebuilt tables hold every event the live processors had parked: those letters are done
                jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group IN (:groups)")
                        .param(
                                "groups",
                                projections.stream()
                                        .map(RebuildableProjection::processingGroup)
                                        .toList())
                        .update();
                jdbc.sql("UPDATE projection_rebuilds SET finished_at = now() WHERE rebuild_processor = :processor")
                        .param("processor", processor)
                        .update();
                return true;
            }));
            if (switched) {
                waitingForOperator.remove(processor);
                stop(processor);
                forgetEndedRebuildTokens();
                log.info(
                        "Projections {} rebuilt: their new tables now answer reads",
                        projections.stream()
                                .map(RebuildableProjection::processingGroup)
                                .toList());
            }
        } catch (DataAccessException e) {
            log.info(
                    "Rebuild {} has caught up, but switching its tables must wait ({}); trying again",
                    processor,
                    e.getMostSpecificCause().getMessage());
        }
    }

    private boolean hasParkedEvents(String processor) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE processing_group = :processor)")
                .param("processor", processor)
                .query(Boolean.class)
                .single();
    }

    /**
     * Locks the live processors' tokens, which holds their next batch, then waits until every segment of the
     * replay has processed everything they have: the rebuilt tables then lack nothing the served ones show.
     */
    private boolean holdLiveProcessorsUntilCaughtUp(String processor, List<RebuildableProjection> projections) {
        List<TrackingToken> live =
                storedTokens
                        .lock(projections.stream()
                                .map(RebuildableProjection::processingGroup)
                                .toList())
                        .stream()
                        .map(StoredTokens.Segment::token)
                        .toList();
        long deadline = System.nanoTime() + properties.switchWait().toNanos();
        while (true) {
            List<TrackingToken> replayed = storedTokens.of(processor).stream()
                    .map(StoredTokens.Segment::token)
                    .toList();
            if (!replayed.isEmpty()
                    && replayed.stream()
                            .allMatch(replay -> live.stream()
                                    .allMatch(token -> token == null
                                            || replay != null
                                                    && replay.covers(WrappedToken.unwrapUpperBound(token))))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.info(
                        "Rebuild {} did not catch up with the live processors within {}; trying again",
                        processor,
                        properties.switchWait());
                return false;
            }
            sleep();
        }
    }

    /**
     * Waits for the replay's batch in flight (it holds the rows shared) and holds off the next one; false
     * when the rebuild has ended, or another instance has taken it over.
     */
    private boolean lockRebuild(String processor) {
        return !jdbc.sql("""
                        SELECT 1 FROM projection_rebuilds
                        WHERE rebuild_processor = :processor AND owner = :owner AND finished_at IS NULL FOR UPDATE""")
                .param("processor", processor)
                .param("owner", owner)
                .query(Integer.class)
                .list()
                .isEmpty();
    }

    /** Tokens of rebuild processors no rebuild refers to any more (switched in, or replaced by a fresh start). */
    private void forgetEndedRebuildTokens() {
        jdbc.sql("""
                        DELETE FROM token_entry WHERE processor_name LIKE :prefix AND processor_name NOT IN (
                            SELECT rebuild_processor FROM projection_rebuilds
                            WHERE finished_at IS NULL AND rebuild_processor IS NOT NULL)""").param("prefix", PROCESSOR_PREFIX + "%").update();
    }

    private void stop(String processor) {
        RebuildProcessor stopping = running.remove(processor);
        if (stopping != null) {
            stopping.shutDown();
        }
    }

    /** Rebuilds this instance runs are abandoned at shutdown; another instance can take them over at once. */
    @PreDestroy
    void stopAll() {
        running.keySet().forEach(processor -> {
            stop(processor);
            abandon(processor);
        });
    }

    private void abandon(String processor) {
        jdbc.sql("UPDATE projection_rebuilds SET heartbeat_at = NULL WHERE rebuild_processor = :processor"
                        + " AND owner = :owner AND finished_at IS NULL")
                .param("processor", processor)
                .param("owner", owner)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while switching a rebuild in", e);
        }
    }
}
