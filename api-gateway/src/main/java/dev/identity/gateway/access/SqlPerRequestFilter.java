package dev.identity.gateway.access;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/** Records how many SQL statements each request ran, per endpoint: {@code identity_sql_statements_per_request}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SqlPerRequestFilter extends OncePerRequestFilter {

    private final MeterRegistry meters;

    SqlPerRequestFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SqlStatements.startCounting();
        try {
            chain.doFilter(request, response);
        } finally {
            long statements = SqlStatements.stopCounting();
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            DistributionSummary.builder("identity.sql.statements.per.request")
                    .tag("method", request.getMethod())
                    .tag("uri", pattern == null ? "UNKNOWN" : pattern.toString())
                    .register(meters)
                    .record(statements);
        }
    }
}
