package dev.identity.gateway.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure caused by PostgreSQL being out of reach (refused or broken connection, the pool's wait
 * for a connection running out, the server shutting down or timing a statement out) from a bug, whatever
 * wraps it: Spring's translation, Axon's command, query and event store exceptions. Such a
 * failure is answered 503 with {@code Retry-After}: the request may well succeed once the database is back.
 */
public final class DatabaseUnavailable {

    /**
     * Seconds a client is asked to wait: a restart or fail-over of PostgreSQL takes seconds, and the pool
     * finds the server again within its connection timeout once it is back.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    /** Whether {@code failure}, or anything in its cause chain, says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (unreachable(cause)) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail problem() {
        return Problems.of(
                ProblemCode.DATABASE_UNAVAILABLE,
                "The database cannot be reached right now; try again in a few seconds.");
    }

    private static boolean unreachable(Throwable cause) {
        return cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                || cause instanceof QueryTimeoutException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException sql && unreachableState(sql.getSQLState());
    }

    /**
     * Class 08: connection exceptions; 53300: too many connections; 57P01-57P03: the server is shutting
     * down or cannot take connections yet; 57014: a statement cancelled by {@code statement_timeout}.
     */
    private static boolean unreachableState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("53300")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")
                        || state.equals("57014"));
    }
}
