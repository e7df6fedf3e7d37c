package dev.identity.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.events.audit.AuditEventView;
import dev.identity.events.audit.AuditFilter;
import dev.identity.events.audit.AuditPage;
import dev.identity.events.audit.FetchAuditEvents;
import dev.identity.events.audit.UserStateView;
import dev.identity.events.common.AggregateTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the audit trail: pages in global order, and a streaming export that holds one fetch (1,000 rows)
 * in memory whatever the size of the result.
 */
@Component
public class AuditQueries {

    private static final String COLUMNS = "global_position, event_id, tenant_id, aggregate_type, aggregate_id, "
            + "aggregate_sequence, event_type, occurred_at, actor, correlation_id, request_id, data";
    private static final int EXPORT_FETCH_SIZE = 1000;
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json = new ObjectMapper();

    AuditQueries(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @QueryHandler
    AuditPage handle(FetchAuditEvents query) {
        MapSqlParameterSource params =
                new MapSqlParameterSource("after", query.after()).addValue("limit", query.limit() + 1);
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE global_position > :after"
                + conditions(query.filter(), params) + " ORDER BY global_position LIMIT :limit";
        List<AuditEventView> rows = jdbc.query(sql, params, this::view);
        boolean more = rows.size() > query.limit();
        List<AuditEventView> items = more ? rows.subList(0, query.limit()) : rows;
        return new AuditPage(
                List.copyOf(items), more ? items.get(items.size() - 1).globalPosition() : null);
    }

    /** An aggregate's events, oldest first; {@code tenantId} null means any tenant. */
    public List<AuditEventView> history(String tenantId, String aggregateId) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE true"
                + conditions(new AuditFilter(tenantId, aggregateId, null, null, null, null), params)
                + " ORDER BY global_position";
        return jdbc.query(sql, params, this::view);
    }

    /**
     * The user as they were at {@code at}: their events and their sessions' events up to that instant,
     * folded by {@link UserTimeline}. {@code tenantId} null means any tenant.
     */
    public Optional<UserStateView> userStateAt(String tenantId, String userId, Instant at) {
        MapSqlParameterSource params = new MapSqlParameterSource("userId", userId)
                .addValue("at", Timestamp.from(at))
                .addValue("session", AggregateTypes.SESSION);
        String tenant = "";
        if (tenantId != null) {
            tenant = " AND tenant_id = :tenantId";
            params.addValue("tenantId", tenantId);
        }
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE occurred_at <= :at" + tenant
                + " AND (aggregate_id = :userId OR (aggregate_type = :session AND data ->> 'userId' = :userId))"
                + " ORDER BY global_position";
        return UserTimeline.stateAt(at, jdbc.query(sql, params, this::view));
    }

    /** Hands every matching event, in global order, to {@code sink}, reading the rows through a cursor. */
    public void export(AuditFilter filter, Consumer<AuditEventView> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE true" + conditions(filter, params)
                + " ORDER BY global_position";
        readOnly.executeWithoutResult(
                status -> streaming.query(sql, params, (ResultSet rs) -> sink.accept(view(rs, 0))));
    }

    private static String conditions(AuditFilter filter, MapSqlParameterSource params) {
        List<String> clauses = new ArrayList<>();
        add(clauses, params, "tenant_id = :tenantId", "tenantId", filter.tenantId());
        add(clauses, params, "aggregate_id = :aggregateId", "aggregateId", filter.aggregateId());
        add(clauses, params, "event_type = :type", "type", filter.type());
        add(clauses, params, "actor = :actor", "actor", filter.actor());
        add(
                clauses,
                params,
                "occurred_at >= :from",
                "from",
                filter.from() == null ? null : Timestamp.from(filter.from()));
        add(clauses, params, "occurred_at < :to", "to", filter.to() == null ? null : Timestamp.from(filter.to()));
        return clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses);
    }

    private static void add(
            List<String> clauses, MapSqlParameterSource params, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.addValue(name, value);
        }
    }

    private AuditEventView view(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("aggregate_sequence");
        Long aggregateSequence = rs.wasNull() ? null : sequence;
        try {
            return new AuditEventView(
                    rs.getLong("global_position"),
                    rs.getString("event_id"),
                    rs.getString("tenant_id"),
                    rs.getString("aggregate_type"),
                    rs.getString("aggregate_id"),
                    aggregateSequence,
                    rs.getString("event_type"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("correlation_id"),
                    rs.getString("request_id"),
                    json.readValue(rs.getString("data"), DATA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
