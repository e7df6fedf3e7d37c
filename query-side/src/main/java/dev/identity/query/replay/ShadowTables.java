package dev.identity.query.replay;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Copies of a projection's tables in a schema of their own, with the same columns, constraints and index
 * names, and the switch that puts them in place of the served ones. All run inside the caller's transaction.
 *
 * <p>A copy starts with its constraints only (the projections' upserts need them); the other indexes are
 * built once the replay has caught up. Keeping the audit table's nine indexes up to date row by row made
 * PostgreSQL's share of a replay several times larger than writing the rows and indexing them afterwards.
 */
class ShadowTables {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ShadowTables(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    void create(RebuildableProjection projection) {
        String schema = projection.shadowSchema();
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : projection.tables()) {
            jdbc.sql("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL EXCLUDING INDEXES)"
                            .formatted(schema, table, table))
                    .update();
            // LIKE would name the constraints itself; adding them keeps the names the migrations gave them
            for (String constraint : constraintDefinitions(table)) {
                jdbc.sql("ALTER TABLE %s.%s ADD %s".formatted(schema, table, constraint))
                        .update();
            }
        }
    }

    /**
     * Builds the copies' other indexes, as the served tables have them (those already built are kept), and
     * gathers the planner's statistics: a table switched in without them was queried with plans ten times
     * slower until autovacuum got to it.
     */
    void index(RebuildableProjection projection) {
        String schema = projection.shadowSchema();
        withoutTimeouts();
        for (String table : projection.tables()) {
            for (String index : indexDefinitions(table)) {
                jdbc.sql(index.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                                .replaceFirst(
                                        " ON " + Pattern.quote("public." + table) + " ",
                                        Matcher.quoteReplacement(" ON " + schema + "." + table + " ")))
                        .update();
            }
            jdbc.sql("ANALYZE %s.%s".formatted(schema, table)).update();
        }
    }

    /**
     * An index build on a large table takes longer than any request may: lifts the statement timeout and
     * the socket timeout (application.yml) for the rest of this transaction. The pool puts the socket
     * timeout back when the connection returns to it.
     */
    private void withoutTimeouts() {
        jdbc.sql("SET LOCAL statement_timeout = 0").update();
        try {
            DataSourceUtils.getConnection(dataSource).setNetworkTimeout(Runnable::run, 0);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lift the socket timeout for an index build", e);
        }
    }

    /** Replaces the served tables with the rebuilt ones; readers wait for the commit, then see the new ones. */
    void swapIn(RebuildableProjection projection) {
        String schema = projection.shadowSchema();
        for (String table : projection.tables()) {
            jdbc.sql("DROP TABLE public." + table).update();
            jdbc.sql("ALTER TABLE %s.%s SET SCHEMA public".formatted(schema, table))
                    .update();
        }
        jdbc.sql("DROP SCHEMA " + schema).update();
    }

    private List<String> constraintDefinitions(String table) {
        return jdbc.sql("""
                        SELECT 'CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                        FROM pg_constraint WHERE conrelid = CAST(:table AS regclass) AND contype IN ('p', 'u')""")
                .param("table", "public." + table)
                .query(String.class)
                .list();
    }

    private List<String> indexDefinitions(String table) {
        return jdbc.sql("""
                        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                        WHERE i.indrelid = CAST(:table AS regclass)
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
                .param("table", "public." + table)
                .query(String.class)
                .list();
    }
}
