package dev.identity.gateway.consistency;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The application instances running against this database: those whose listener connection is in
 * {@code pg_stat_activity} ({@link Instance#applicationName()}). A crashed instance's connection is gone, so
 * it is not among them. {@link #others()} reads the list when asked, for what must not miss a newcomer (a
 * fence); {@link #lastSeen()} is the list as read at most {@link ConsistencyProperties#instancesInterval()} ago,
 * for what may lag a moment (waking the others' event readers, sharing segments).
 */
@Component
public class LiveInstances implements SchedulingConfigurer {

    private final JdbcClient jdbc;
    private final Instance instance;
    private final ConsistencyProperties properties;
    private volatile List<String> lastSeen = List.of();

    LiveInstances(JdbcClient jdbc, Instance instance, ConsistencyProperties properties) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.properties = properties;
    }

    /** Every live instance's application name but this one's, read now. */
    public List<String> others() {
        return all().stream()
                .filter(name -> !name.equals(instance.applicationName()))
                .toList();
    }

    /** Every live instance's application name, this one's included while its listener is connected, sorted. */
    public List<String> all() {
        return jdbc.sql("""
                        SELECT DISTINCT application_name FROM pg_stat_activity
                        WHERE datname = current_database() AND starts_with(application_name, :prefix)
                        ORDER BY application_name""")
                .param("prefix", Instance.APPLICATION_NAME_PREFIX)
                .query(String.class)
                .list();
    }

    /** {@link #all()} as last read. */
    public List<String> lastSeen() {
        return lastSeen;
    }

    /** Whether another instance was live when the list was last read. */
    public boolean othersLastSeen() {
        return lastSeen.stream().anyMatch(name -> !name.equals(instance.applicationName()));
    }

    public String self() {
        return instance.applicationName();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, properties.instancesInterval());
    }

    void refresh() {
        lastSeen = all();
    }
}
