package dev.identity.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The shapes in which an unreachable database reaches the gateway, and failures that are not that. */
class DatabaseUnavailableTest {

    @Test
    void isCauseWhenAxonWrapsAPoolTimeout() {
        var poolTimeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
        var failure = new CommandExecutionException(
                "failed",
                new EventStoreException(
                        "append failed", new CannotGetJdbcConnectionException("no connection", poolTimeout)),
                null);
        assertThat(DatabaseUnavailable.isCause(failure)).isTrue();
    }

    @Test
    void isCauseWhenAQueryFutureFailsOnABrokenConnection() {
        var broken = new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE, new ConnectException());
        assertThat(DatabaseUnavailable.isCause(new ExecutionException(new IllegalStateException(broken))))
                .isTrue();
    }

    @Test
    void isCauseWhenTheServerShutsDown() {
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void isNotCauseOfAConstraintViolationOrABug() {
        var duplicate = new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION);
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("duplicate", duplicate)))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug")))
                .isFalse();
    }
}
