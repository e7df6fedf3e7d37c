package dev.identity.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Where the integration tests find PostgreSQL, in this order: {@code IDENTITY_TEST_DATABASE_URL}; the local
 * service on 127.0.0.1:5432 (database {@code identity_test}, created if missing); a Testcontainers PostgreSQL
 * on a machine with Docker and no local service. Always a real server, never an in-memory stand-in.
 */
public final class TestDatabase {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final String LOCAL_DATABASE = "identity_test";

    private static String url;
    private static String username;
    private static String password;

    private TestDatabase() {}

    public static synchronized String url() {
        resolve();
        return url;
    }

    public static synchronized String username() {
        resolve();
        return username;
    }

    public static synchronized String password() {
        resolve();
        return password;
    }

    private static void resolve() {
        if (url != null) {
            return;
        }
        String configured = System.getenv("IDENTITY_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            url = configured;
            username = envOr("IDENTITY_TEST_DATABASE_USER", "postgres");
            password = envOr("IDENTITY_TEST_DATABASE_PASSWORD", "");
        } else if (LocalServices.reachable(LOCAL_HOST, LOCAL_PORT)) {
            username = "postgres";
            password = "";
            createIfMissing();
            url = "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/" + LOCAL_DATABASE;
        } else {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            url = container.getJdbcUrl();
            username = container.getUsername();
            password = container.getPassword();
        }
    }

    private static void createIfMissing() {
        String admin = "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, username, password);
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, LOCAL_DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + LOCAL_DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database on " + admin, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
