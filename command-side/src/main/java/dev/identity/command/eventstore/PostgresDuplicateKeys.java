package dev.identity.command.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells the event store that an append lost a race for an aggregate's sequence number, which Axon then
 * reports as a concurrency conflict. Axon's JDBC resolver looks only for
 * {@link java.sql.SQLIntegrityConstraintViolationException}, which PostgreSQL's driver never throws, and its
 * error-code resolver lives with the JPA store and needs the JPA API on the class path; PostgreSQL says it
 * with one SQL state.
 */
final class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    /** {@code unique_violation}. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
