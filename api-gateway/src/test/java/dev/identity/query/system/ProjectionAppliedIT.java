package dev.identity.query.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.session.RevocationReason;
import dev.identity.events.session.RevokeSession;
import dev.identity.events.user.AssignRole;
import dev.identity.events.user.RevokeRole;
import dev.identity.gateway.write.CommandSender;
import dev.identity.query.session.SessionProjection;
import dev.identity.query.user.UserProjection;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection batch's notification, as a LISTEN connection receives it: sent when the batch commits, never
 * before, so whoever is notified reads the batch's rows.
 */
class ProjectionAppliedIT extends IntegrationTest {

    @Autowired
    private CommandSender commands;

    @Autowired
    private EventStore eventStore;

    @Test
    void aBatchHeldBeforeItsCommitIsNotNotifiedAndIsVisibleOnceNotified() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        platform.createUser(api, tenant, "held@example.com");
        String sessionId = platform.loginForTokens(api, tenant.slug(), "held@example.com", PlatformFixture.PASSWORD)
                .text("sessionId");

        try (Connection listener = listening();
                Connection holder = connect()) {
            // the processor stores its token first in each batch's transaction: holding the row holds the batch
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement
                        .executeQuery("SELECT owner FROM token_entry WHERE processor_name = '"
                                + SessionProjection.PROCESSING_GROUP + "' FOR UPDATE")
                        .close();
            }
            commands.send(
                    new RevokeSession(sessionId, tenant.id(), RevocationReason.REVOKED), ErrorCode.SESSION_NOT_FOUND);

            assertThat(notified(listener, SessionProjection.PROCESSING_GROUP, sessionId, Duration.ofMillis(800)))
                    .as("notified while the batch cannot commit")
                    .isFalse();
            assertThat(column(listener, "SELECT status FROM sessions WHERE id = ?", sessionId))
                    .contains("ACTIVE");

            holder.rollback();
            assertThat(notified(listener, SessionProjection.PROCESSING_GROUP, sessionId, Duration.ofSeconds(10)))
                    .as("notified once the batch committed")
                    .isTrue();
            assertThat(column(listener, "SELECT status FROM sessions WHERE id = ?", sessionId))
                    .contains("REVOKED");
        }
    }

    @Test
    void everyBatchsRowsAreVisibleToTheConnectionItNotified() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "notified@example.com");
        try (Connection listener = listening()) {
            for (int i = 0; i < 30; i++) {
                commands.send(
                        i % 2 == 0
                                ? new AssignRole(userId, tenant.id(), "auditor")
                                : new RevokeRole(userId, tenant.id(), "auditor"),
                        ErrorCode.USER_NOT_FOUND);
                long version = eventStore.lastSequenceNumberFor(userId).orElseThrow();
                assertThat(notifiedSequence(listener, UserProjection.PROCESSING_GROUP, userId, Duration.ofSeconds(10)))
                        .as("the sequence notified for write %d", i)
                        .isEqualTo(version);
                assertThat(column(listener, "SELECT version::text FROM users WHERE id = ?", userId)
                                .map(Long::valueOf))
                        .as("the row when write %d was notified", i)
                        .contains(version);
            }
        }
    }

    /** Whether a batch of the processor naming the aggregate (or every aggregate) arrives within the wait. */
    private static boolean notified(Connection listener, String processor, String aggregateId, Duration wait)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        PGConnection notifications = listener.unwrap(PGConnection.class);
        for (long left = wait.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            PGNotification[] received = notifications.getNotifications((int) left);
            for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                ProjectionApplied.Batch batch = ProjectionApplied.parse(notification.getParameter());
                if (batch.processor().equals(processor)
                        && (batch.everyAggregate() || batch.aggregateIds().contains(aggregateId))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sequence the first batch of the processor naming the aggregate says it applied, or -1 if none came. */
    private static long notifiedSequence(Connection listener, String processor, String aggregateId, Duration wait)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        PGConnection notifications = listener.unwrap(PGConnection.class);
        for (long left = wait.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            PGNotification[] received = notifications.getNotifications((int) left);
            for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                ProjectionApplied.Batch batch = ProjectionApplied.parse(notification.getParameter());
                if (batch.processor().equals(processor) && batch.sequences().containsKey(aggregateId)) {
                    return batch.sequences().get(aggregateId);
                }
            }
        }
        return -1;
    }

    private static Optional<String> column(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Connection listening() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + ProjectionApplied.CHANNEL);
        }
        return connection;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), TestDatabase.password());
    }
}
