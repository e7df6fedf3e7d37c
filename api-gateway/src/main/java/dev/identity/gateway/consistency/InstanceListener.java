package dev.identity.gateway.consistency;

import dev.identity.query.system.ProjectionApplied;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's one {@code LISTEN} connection: a connection of its own (not from the pool, which would
 * take it back), to the database of {@code spring.datasource}, named {@link Instance#applicationName()}. A
 * daemon thread receives the projections' notifications (waking {@link ProjectionWaits}), the fences of
 * other instances (evicting this instance's caches, then acknowledging) and the acknowledgements of this
 * instance's fences ({@link Fences}), and other instances' appends (waking this instance's event reader,
 * {@link AppendNotifications}). Every {@link ListenerProperties#heartbeatInterval()} it sends a round
 * trip and, once answered and everything received with it handled, renews the {@link Lease}.
 *
 * <p>A failure (the connection broken or terminated, a round trip slower than its timeout) loses the lease
 * at once; the connection is opened again with a backoff. On every (re)connection the caches are emptied
 * and every waiting write looks again: what was notified while the listener was away is lost.
 */
@Component
class InstanceListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceListener.class);
    private static final List<String> CHANNELS =
            List.of(ProjectionApplied.CHANNEL, Fences.CHANNEL, Fences.ACK_CHANNEL, AppendNotifications.CHANNEL);

    private final DataSourceProperties dataSource;
    private final ListenerProperties properties;
    private final Instance instance;
    private final Lease lease;
    private final ProjectionWaits waits;
    private final Fences fences;
    private final AppendNotifications appends;
    private final List<InstanceCache> caches;
    private final Counter connections;
    private volatile boolean running;
    private Thread thread;

    InstanceListener(
            DataSourceProperties dataSource,
            ListenerProperties properties,
            Instance instance,
            Lease lease,
            ProjectionWaits waits,
            Fences fences,
            AppendNotifications appends,
            List<InstanceCache> caches,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.instance = instance;
        this.lease = lease;
        this.waits = waits;
        this.fences = fences;
        this.appends = appends;
        this.caches = caches;
        this.connections = Counter.builder("identity.consistency.listener.connections")
                .description("Connections the instance listener opened (the first, then one per reconnection)")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "instance-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(properties
                            .heartbeatInterval()
                            .plus(properties.roundTripTimeout())
                            .toMillis()
                    + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts, after it stops: the instance acknowledges fences while it serves. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        long backoff = properties.reconnectBackoff().toMillis();
        int failures = 0;
        while (running) {
            try (Connection connection = connect()) {
                listen(connection);
                log.info(
                        "Instance listener connected as {}{}",
                        instance.applicationName(),
                        failures == 0 ? "" : " after " + failures + " failed attempt(s)");
                failures = 0;
                backoff = properties.reconnectBackoff().toMillis();
                serve(connection);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    if (failures == 0) {
                        log.warn(
                                "Instance listener lost its connection ({}): caches are bypassed until it is back",
                                e.toString().lines().findFirst().orElse(""));
                    } else {
                        log.debug("Instance listener still cannot connect", e);
                    }
                    failures++;
                }
            } finally {
                lease.lose();
                waits.listening(false);
            }
            if (running) {
                pause(backoff);
                backoff = Math.min(backoff * 2, properties.maxReconnectBackoff().toMillis());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties connection = new Properties();
        PGProperty.USER.set(connection, dataSource.determineUsername());
        String password = dataSource.determinePassword();
        if (password != null && !password.isEmpty()) {
            PGProperty.PASSWORD.set(connection, password);
        }
        PGProperty.APPLICATION_NAME.set(connection, instance.applicationName());
        PGProperty.CONNECT_TIMEOUT.set(
                connection, (int) Math.max(1, properties.roundTripTimeout().toSeconds()));
        PGProperty.TCP_KEEP_ALIVE.set(connection, true);
        Connection opened = DriverManager.getConnection(dataSource.determineUrl(), connection);
        connections.increment();
        return opened;
    }

    /**
     * Subscribes, then empties the caches and wakes the waits: anything committed from now on is notified,
     * anything before may have been missed. The round trips then take the lease again.
     */
    private void listen(Connection connection) throws SQLException {
        connection.setNetworkTimeout(
                Runnable::run, (int) properties.roundTripTimeout().toMillis());
        // whatever DATABASE_URL says: this name is how writers find this instance
        try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            name.setString(1, instance.applicationName());
            name.execute();
        }
        try (Statement statement = connection.createStatement()) {
            // its only writes are acknowledgements, which need no disk flush
            statement.execute("SET synchronous_commit = off");
            for (String channel : CHANNELS) {
                statement.execute("LISTEN " + channel);
            }
        }
        lease.lose();
        caches.forEach(InstanceCache::clear);
        waits.listening(true);
        waits.wakeAll();
    }

    private void serve(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long interval = properties.heartbeatInterval().toNanos();
        long nextRoundTrip = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            if (now - nextRoundTrip >= 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                // what came in before the answer is handled before the lease is renewed
                handle(connection, notifications.getNotifications());
                lease.confirm(now);
                nextRoundTrip = now + interval;
            } else {
                int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextRoundTrip - now));
                handle(connection, notifications.getNotifications(millis));
            }
        }
    }

    private void handle(Connection connection, PGNotification[] received) throws SQLException {
        if (received == null) {
            return;
        }
        for (PGNotification notification : received) {
            switch (notification.getName()) {
                case ProjectionApplied.CHANNEL -> waits.applied(ProjectionApplied.parse(notification.getParameter()));
                case Fences.CHANNEL -> evict(connection, notification.getParameter());
                case Fences.ACK_CHANNEL -> fences.acknowledged(notification.getParameter());
                case AppendNotifications.CHANNEL -> appends.received();
                default -> log.debug("Ignoring a notification on {}", notification.getName());
            }
        }
    }

    private void evict(Connection connection, String payload) throws SQLException {
        Fences.Fence fence = Fences.parse(payload);
        if (fence == null) {
            log.warn("Ignoring a malformed fence on {}", Fences.CHANNEL);
            return;
        }
        if (fences.own(fence.id())) {
            return;
        }
        caches.forEach(cache -> cache.evictLocally(fence.aggregateId(), fence.version()));
        try (PreparedStatement acknowledge = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            acknowledge.setString(1, Fences.ACK_CHANNEL);
            acknowledge.setString(2, Fences.acknowledgement(fence.id(), instance));
            acknowledge.execute();
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
