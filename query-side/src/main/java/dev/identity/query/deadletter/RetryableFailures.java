package dev.identity.query.deadletter;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures that say nothing about the event being handled from those that do. The first kind (the
 * database unreachable, restarting or busy, a deadlock, a timeout, a schema that does not match the code) is
 * retried with backoff as it always was, since parking events for it would park every sequence. Anything
 * else (a constraint, a value the column refuses, a bug a particular event triggers) is the event's: it is
 * isolated and dead-lettered.
 */
public final class RetryableFailures {

    /**
     * PostgreSQL SQLSTATE classes that do not depend on the row written: 08 connection, 40 transaction rollback
     * (deadlock, serialization), 42 syntax or undefined object (a broken deployment), 53 insufficient resources,
     * 54 program limit, 55 object not in prerequisite state (lock not available), 57 operator intervention
     * (shutdown, statement timeout), 58 system error, XX internal error.
     */
    private static final Set<String> RETRYABLE_SQL_STATE_CLASSES =
            Set.of("08", "40", "42", "53", "55", "57", "58", "XX");

    private RetryableFailures() {}

    /** Whether the database, not the event, is why this failed. */
    public static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof TimeoutException
                    || cause instanceof InterruptedException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().length() == 5
                    && RETRYABLE_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
