package dev.identity.gateway.production;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** In the {@code prod} profile, refuses to start with what is clearly unsafe and warns about the rest. */
@Component
@Profile("prod")
class ProductionReadiness {

    private static final Logger log = LoggerFactory.getLogger(ProductionReadiness.class);

    ProductionReadiness(Environment environment, DataSource dataSource) {
        ProductionChecks checks = ProductionChecks.of(environment, dataSource);
        checks.warnings().forEach(warning -> log.warn("Production check: {}", warning));
        if (!checks.refusals().isEmpty()) {
            throw new IllegalStateException(
                    "The prod profile refuses to start: " + String.join("; ", checks.refusals()));
        }
    }
}
