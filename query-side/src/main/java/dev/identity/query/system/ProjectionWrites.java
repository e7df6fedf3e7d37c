package dev.identity.query.system;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The statements projections write for a batch of events, sent together just before the batch commits
 * with its token: consecutive statements with the same SQL go as one JDBC batch, so a replay costs a round
 * trip per run of alike statements instead of one per event. Order is kept, so every statement still sees
 * the ones before it. Called outside a unit of work (a test calling a handler), a statement runs at once.
 */
@Component
public class ProjectionWrites {

    private static final String RESOURCE_KEY = ProjectionWrites.class.getName();

    private final NamedParameterJdbcTemplate jdbc;

    ProjectionWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        pending.add(sql, parameters);
    }

    private static final class Pending {

        private final List<Run> runs = new ArrayList<>();

        private record Run(String sql, List<SqlParameterSource> parameters) {
        }

        void add(String sql, SqlParameterSource parameters) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || !last.sql().equals(sql)) {
                last = new Run(sql, new ArrayList<>());
                runs.add(last);
            }
            last.parameters().add(parameters);
        }

        void flush(NamedParameterJdbcTemplate jdbc) {
            for (Run run : runs) {
                jdbc.batchUpdate(run.sql(), run.parameters().toArray(SqlParameterSource[]::new));
            }
            runs.clear();
        }
    }
}
