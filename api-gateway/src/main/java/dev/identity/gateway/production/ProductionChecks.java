package dev.identity.gateway.production;

import dev.identity.command.session.PasswordProperties;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the {@code prod} profile refuses to start with, and what it only warns about. Each rule names the
 * setting to change; docs/operations.md lists them all ("Production profile").
 */
final class ProductionChecks {

    static final int MIN_BCRYPT_STRENGTH = 10;
    /** OWASP's Argon2id settings trade memory for passes, from m = 47104 KiB, t = 1 to m = 7168 KiB, t = 5. */
    static final int MIN_ARGON2_MEMORY_KIB = 7168;

    static final long MIN_ARGON2_MEMORY_TIMES_ITERATIONS = 7168L * 5;

    private final List<String> refusals = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ProductionChecks() {}

    static ProductionChecks of(Environment environment, DataSource dataSource) {
        ProductionChecks checks = new ProductionChecks();
        checks.redis(environment);
        checks.database(environment, dataSource);
        checks.passwords(environment);
        checks.surface(environment);
        checks.transport(environment);
        return checks;
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Whoever can write to Redis can change what the access cache and the login throttle believe. */
    private void redis(Environment environment) {
        String url = environment.getProperty("spring.data.redis.url", "");
        boolean passwordInUrl = url.matches("rediss?://[^@/]*:[^@/]+@.*");
        if (blank(environment.getProperty("spring.data.redis.password")) && !passwordInUrl) {
            refusals.add("Redis has no password: set spring.data.redis.password (REDIS_PASSWORD)");
        }
        if (!environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false)
                && !url.startsWith("rediss:")) {
            warnings.add(
                    "Redis is reached without TLS (spring.data.redis.ssl.enabled=true for a network you do not own)");
        }
    }

    private void database(Environment environment, DataSource dataSource) {
        boolean superuser = JdbcClient.create(dataSource)
                .sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                .query(Boolean.class)
                .single();
        if (superuser && blank(environment.getProperty("spring.datasource.password"))) {
            refusals.add("PostgreSQL is used as a superuser with no password: create a role of its own for the service"
                    + " (DATABASE_USER, DATABASE_PASSWORD)");
        } else if (superuser) {
            warnings.add("PostgreSQL is used as a superuser: a role owning only the service's schema is safer");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.contains("sslmode=require") && !url.contains("sslmode=verify")) {
            warnings.add("PostgreSQL is reached without sslmode=require or verify-full in DATABASE_URL");
        }
    }

    private void passwords(Environment environment) {
        int strength = environment.getProperty("identity.password.bcrypt-strength", Integer.class, MIN_BCRYPT_STRENGTH);
        if (strength < MIN_BCRYPT_STRENGTH) {
            refusals.add("identity.password.bcrypt-strength is " + strength + ": at least " + MIN_BCRYPT_STRENGTH
                    + " (IDENTITY_PASSWORD_BCRYPT_STRENGTH)");
        }
        PasswordProperties.Argon2 argon2 = Binder.get(environment)
                .bindOrCreate("identity.password", PasswordProperties.class)
                .argon2();
        int memory = argon2.memoryKib();
        int iterations = argon2.iterations();
        if (memory < MIN_ARGON2_MEMORY_KIB || (long) memory * iterations < MIN_ARGON2_MEMORY_TIMES_ITERATIONS) {
            refusals.add("identity.password.argon2 is m = " + memory + " KiB, t = " + iterations
                    + ": below OWASP's minimum (m = 19456, t = 2, or m = 7168, t = 5)");
        }
    }

    /** Metrics, processor state and the API documents are for operators, on a port of their own. */
    private void surface(Environment environment) {
        String server = environment.getProperty("server.port", "8080");
        String management = environment.getProperty("management.server.port", server);
        if (management.equals(server)) {
            refusals.add("management.server.port equals server.port: actuator endpoints would be public"
                    + " (MANAGEMENT_PORT)");
        }
    }

    private void transport(Environment environment) {
        String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT");
        if (protocol.equals("PLAINTEXT")) {
            warnings.add("Kafka is reached in PLAINTEXT (spring.kafka.security.protocol): the event stream carries"
                    + " personal data");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
