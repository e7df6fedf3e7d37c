package dev.identity.gateway.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts every SQL statement the application runs (datasource-proxy around the pool): in total
 * ({@code identity_sql_statements_total}) and per request thread, which {@link SqlPerRequestFilter} turns
 * into {@code identity_sql_statements_per_request}.
 */
@Component
public class SqlStatements implements BeanPostProcessor {

    private static final ThreadLocal<long[]> CURRENT_REQUEST = new ThreadLocal<>();

    private final ObjectProvider<MeterRegistry> meters;
    private volatile Counter total;

    SqlStatements(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource)
                    .name(beanName)
                    .listener(new Listener())
                    .build();
        }
        return bean;
    }

    static void startCounting() {
        CURRENT_REQUEST.set(new long[1]);
    }

    static long stopCounting() {
        long[] count = CURRENT_REQUEST.get();
        CURRENT_REQUEST.remove();
        return count == null ? 0 : count[0];
    }

    private final class Listener implements QueryExecutionListener {

        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            long[] count = CURRENT_REQUEST.get();
            if (count != null) {
                count[0] += queries.size();
            }
            totalCounter().increment(queries.size());
        }

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            // counted before execution, so that a failing statement counts too
        }
    }

    private Counter totalCounter() {
        Counter counter = total;
        if (counter == null) {
            counter = Counter.builder("identity.sql.statements")
                    .description("SQL statements run")
                    .register(meters.getObject());
            total = counter;
        }
        return counter;
    }
}
