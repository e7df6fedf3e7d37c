package dev.identity.query.system;

import dev.identity.query.deadletter.PoisonIsolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The statements projections write for a batch of events, sent together just before the batch commits
 * with its token: consecutive statements with the same SQL go as one JDBC batch, so a replay costs a round
 * trip per run of alike statements instead of one per event. Handlers run in Axon's unit of work, always:
 * a test calling one directly starts one.
 *
 * <p>Each projection writes through a {@link Lane} of its own. Order is kept within a lane, so every
 * statement still sees the ones before it; lanes are flushed one after the other. Projections write
 * disjoint tables, so a batch that feeds several of them (a rebuild of all) still sends long runs of alike
 * statements rather than interleaving them.
 *
 * <p>While {@link PoisonIsolation} isolates a failed batch's events, each statement runs at once in a savepoint
 * of its own: an event the database refuses then fails in its own handler, and is dead-lettered, while the
 * batch's transaction stays usable for the other events. Every handler writes one statement per event, so a
 * savepoint per statement is a savepoint per event.
 */
@Component
public class ProjectionWrites {

    private static final String RESOURCE_KEY = ProjectionWrites.class.getName();

    private final NamedParameterJdbcTemplate jdbc;
    private final PoisonIsolation isolation;

    ProjectionWrites(NamedParameterJdbcTemplate jdbc, PoisonIsolation isolation) {
        this.jdbc = jdbc;
        this.isolation = isolation;
    }

    /**
     * Runs one statement in a savepoint of the transaction in progress: if the database refuses it, only the
     * statement is undone and the transaction goes on. A JDBC savepoint on the connection of the transaction
     * Axon's unit of work runs in, the one every projection statement uses.
     */
    private void updateInSavepoint(String sql, SqlParameterSource parameters) {
        DataSource dataSource = jdbc.getJdbcTemplate().getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                jdbc.update(sql, parameters);
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                throw e;
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot use a savepoint", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The writes of one projection, named after its processing group. */
    public Lane lane(String name) {
        return new Lane(name);
    }

    public final class Lane {

        private final String name;

        private Lane(String name) {
            this.name = name;
        }

        public void add(String sql, SqlParameterSource parameters) {
            if (isolation.isolating()) {
                updateInSavepoint(sql, parameters);
                return;
            }
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            Pending pending = unitOfWork.getOrComputeResource(RESOURCE_KEY, key -> {
                Pending created = new Pending();
                unitOfWork.onPrepareCommit(committing -> created.flush(jdbc));
                return created;
            });
            pending.add(name, sql, parameters);
        }
    }

    private static final class Pending {

        private final Map<String, List<Run>> lanes = new LinkedHashMap<>();

        private record Run(String sql, List<SqlParameterSource> parameters) {}

        void add(String lane, String sql, SqlParameterSource parameters) {
            List<Run> runs = lanes.computeIfAbsent(lane, name -> new ArrayList<>());
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || !last.sql().equals(sql)) {
                last = new Run(sql, new ArrayList<>());
                runs.add(last);
            }
            last.parameters().add(parameters);
        }

        void flush(NamedParameterJdbcTemplate jdbc) {
            for (List<Run> runs : lanes.values()) {
                for (Run run : runs) {
                    jdbc.batchUpdate(run.sql(), run.parameters().toArray(SqlParameterSource[]::new));
                }
            }
            lanes.clear();
        }
    }
}
