package dev.identity.query.replay;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the first event while its tables keep answering reads.
 *
 * <p>Starting creates empty shadow copies of the projection's tables and resets the processor's tokens in
 * the token store, releasing every claim: whichever instances claim the segments next replay into the
 * shadow tables ({@link RebuildRouting}). Axon's own reset would need every segment claimed by the instance
 * that asks, which other instances prevent. Once every segment has passed the head as it was at the start,
 * the shadow tables get their indexes and then replace the served ones in one transaction. Until then reads
 * see the tables as they were when the rebuild started: never empty, never half rebuilt, but without the
 * newest changes.
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Serializer tokenSerializer;
    private final ShadowTables shadowTables;

    private record TokenRow(int segment, byte[] token, String tokenType) {
    }

    ProjectionRebuilds(JdbcClient jdbc, PlatformTransactionManager transactionManager, Serializer tokenSerializer) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokenSerializer = tokenSerializer;
        this.shadowTables = new ShadowTables(jdbc);
    }

    /** A rebuild that cannot start now; the message says why and is safe to show. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** @throws Refused when a rebuild of this projection is in progress, or its processor has not started */
    public Rebuild start(RebuildableProjection projection) {
        Rebuild started = transactions.execute(transaction -> {
            // locking the tokens first makes a second request for the same projection wait, then refuse
            List<TokenRow> tokens = tokens(projection, true);
            if (tokens.isEmpty()) {
                // nothing would replay, and the switch would then serve empty tables
                throw new Refused("Its processor has not started yet; try again shortly.");
            }
            if (latest(projection).filter(Rebuild::inProgress).isPresent()) {
                throw new Refused("A rebuild of " + projection.processingGroup() + " is in progress.");
            }
            shadowTables.create(projection);
            jdbc.sql("""
                            INSERT INTO projection_rebuilds (processing_group, shadow_schema, head_at_start, started_at)
                            VALUES (:group, :schema, (SELECT coalesce(max(global_index), 0) FROM domain_event_entry), now())
                            ON CONFLICT (processing_group) DO UPDATE
                            SET shadow_schema = EXCLUDED.shadow_schema, head_at_start = EXCLUDED.head_at_start,
                                started_at = EXCLUDED.started_at, finished_at = NULL""")
                    .param("group", projection.processingGroup())
                    .param("schema", projection.shadowSchema())
                    .update();
            for (TokenRow row : tokens) {
                resetToTheStart(projection, row);
            }
            return latest(projection).orElseThrow();
        });
        log.info("Rebuilding projection {} from the first event up to position {} and on; reads are served by its"
                + " current tables until the rebuilt ones have caught up", started.processingGroup(),
                started.headAtStart());
        return started;
    }

    public Optional<Rebuild> latest(RebuildableProjection projection) {
        return jdbc.sql("""
                        SELECT processing_group, head_at_start, started_at, finished_at FROM projection_rebuilds
                        WHERE processing_group = :group""")
                .param("group", projection.processingGroup())
                .query((rs, row) -> new Rebuild(rs.getString("processing_group"), rs.getLong("head_at_start"),
                        rs.getTimestamp("started_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null)))
                .optional();
    }

    /** Whether any projection is rebuilding, on any instance. */
    public boolean anyInProgress() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM projection_rebuilds WHERE finished_at IS NULL)")
                .query(Boolean.class).single();
    }

    /** Switches in every rebuilt projection whose replay has caught up; any instance may do it, once. */
    @Scheduled(fixedDelayString = "${identity.replay.check-interval:1s}")
    public void switchCaughtUpRebuilds() {
        List<String> running = jdbc.sql("SELECT processing_group FROM projection_rebuilds WHERE finished_at IS NULL")
                .query(String.class).list();
        for (String group : running) {
            RebuildableProjection.named(group).filter(this::caughtUp).ifPresent(this::trySwitch);
        }
    }

    private void trySwitch(RebuildableProjection projection) {
        try {
            if (!Boolean.TRUE.equals(transactions.execute(transaction -> {
                if (!lockRunning(projection) || !caughtUp(projection)) {
                    return false;
                }
                shadowTables.index(projection);
                return true;
            }))) {
                return;
            }
            Boolean switched = transactions.execute(transaction -> {
                // readers queue behind the switch's exclusive locks: wait briefly for a long reader, retry later
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                if (!lockRunning(projection) || !caughtUp(projection)) {
                    return false;
                }
                shadowTables.swapIn(projection);
                jdbc.sql("UPDATE projection_rebuilds SET finished_at = now() WHERE processing_group = :group")
                        .param("group", projection.processingGroup()).update();
                return true;
            });
            if (Boolean.TRUE.equals(switched)) {
                log.info("Projection {} rebuilt: its new tables now answer reads", projection.processingGroup());
            }
        } catch (DataAccessException e) {
            log.info("Projection {} has caught up, but switching its tables must wait ({}); trying again",
                    projection.processingGroup(), e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * Locks the rebuild against other instances' switches and against the projection's batches, which hold
     * it shared while they write; false when it is no longer in progress.
     */
    private boolean lockRunning(RebuildableProjection projection) {
        return !jdbc.sql("""
                        SELECT 1 FROM projection_rebuilds
                        WHERE processing_group = :group AND finished_at IS NULL FOR UPDATE""")
                .param("group", projection.processingGroup()).query(Integer.class).list().isEmpty();
    }

    /** Every segment has replayed up to the head as it was when the rebuild started. */
    private boolean caughtUp(RebuildableProjection projection) {
        return tokens(projection, false).stream().map(this::deserialize).allMatch(token ->
                !(token instanceof ReplayToken)
                        || token.position().orElse(-1) >= ReplayToken.getTokenAtReset(token).orElse(Long.MAX_VALUE));
    }

    private void resetToTheStart(RebuildableProjection projection, TokenRow row) {
        TrackingToken replay = ReplayToken.createReplayToken(deserialize(row));
        SerializedObject<byte[]> serialized = replay == null ? null : tokenSerializer.serialize(replay, byte[].class);
        jdbc.sql("""
                        UPDATE token_entry SET token = :token, token_type = :type, owner = NULL
                        WHERE processor_name = :processor AND segment = :segment""")
                .param("token", serialized == null ? null : serialized.getData())
                .param("type", serialized == null ? null : serialized.getType().getName())
                .param("processor", projection.processingGroup())
                .param("segment", row.segment())
                .update();
    }

    private List<TokenRow> tokens(RebuildableProjection projection, boolean lock) {
        return jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = :processor"
                        + (lock ? " ORDER BY segment FOR UPDATE" : ""))
                .param("processor", projection.processingGroup())
                .query((rs, row) -> new TokenRow(rs.getInt("segment"), rs.getBytes("token"), rs.getString("token_type")))
                .list();
    }

    private TrackingToken deserialize(TokenRow row) {
        return row.token() == null ? null : tokenSerializer.deserialize(
                new SimpleSerializedObject<>(row.token(), byte[].class, row.tokenType(), null));
    }
}
