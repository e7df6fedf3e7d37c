package dev.identity.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real database failure on demand: while open, PostgreSQL cancels every insert into {@code table} whose
 * {@code column} is {@code value} (a trigger raising {@code query_canceled}), so that the transaction around it
 * rolls back as it would on a server-side cancellation.
 */
public final class FailingInserts implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String table;
    private final String name;

    private FailingInserts(JdbcClient jdbc, String table, String name) {
        this.jdbc = jdbc;
        this.table = table;
        this.name = name;
    }

    public static FailingInserts into(JdbcClient jdbc, String table, String column, String value) {
        String name = "fail_" + UUID.randomUUID().toString().replace('-', '_');
        jdbc.sql("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.%2$s = '%3$s' THEN
                        RAISE EXCEPTION 'cancelled for the test' USING ERRCODE = '57014';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(name, column, value.replace("'", "''"))).update();
        jdbc.sql("CREATE TRIGGER %1$s BEFORE INSERT ON %2$s FOR EACH ROW EXECUTE FUNCTION %1$s()"
                        .formatted(name, table))
                .update();
        return new FailingInserts(jdbc, table, name);
    }

    @Override
    public void close() {
        jdbc.sql("DROP TRIGGER %1$s ON %2$s".formatted(name, table)).update();
        jdbc.sql("DROP FUNCTION %1$s()".formatted(name)).update();
    }
}
