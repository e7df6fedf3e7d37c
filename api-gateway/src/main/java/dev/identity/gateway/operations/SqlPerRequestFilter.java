package dev.identity.gateway.operations;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/** Records how many SQL statements each request ran, per endpoint: {@code identity_sql_statements_per_request}. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SqlPerRequestFilter extends OncePerRequestFilter {

    /** Tags come from a closed set: a made-up method must not add a time series per request. */
    private static final Set<String> KNOWN_METHODS =
            Arrays.stream(HttpMethod.values()).map(HttpMethod::name).collect(Collectors.toUnmodifiableSet());

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
                    .tag("method", KNOWN_METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER")
                    .tag("uri", pattern == null ? "UNKNOWN" : pattern.toString())
                    .register(meters)
                    .record(statements);
        }
    }
}
