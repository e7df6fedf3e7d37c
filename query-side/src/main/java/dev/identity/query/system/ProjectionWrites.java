package dev.identity.query.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The statements projections write for a batch of events, sent together just before the batch commits
 * with its token: consecutive statements with the same SQL go as one JDBC batch, so a replay costs a round
 * trip per run of alike statements instead of one per event. Called outside a unit of work (a test calling
 * a handler), a statement runs at once.
 *
 * <p>Each projection writes through a {@link Lane} of its own. Order is kept within a lane, so every
 * statement still sees the ones before it; lanes are flushed one after the other. Projections write
 * disjoint tables, so a batch that feeds several of them (a rebuild of all) still sends long runs of alike
 * statements rather than interleaving them.
 */
@Component
public class ProjectionWrites {

    private static final String RESOURCE_KEY = ProjectionWrites.class.getName();

    private final NamedParameterJdbcTemplate jdbc;

    ProjectionWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
            if (!CurrentUnitOfWork.isStarted()) {
                jdbc.update(sql, parameters);
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

        private record Run(String sql, List<SqlParameterSource> parameters) {
        }

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
