package dev.identity.support;

import org.testcontainers.containers.GenericContainer;

/**
 * Where the tests find Redis: {@code IDENTITY_TEST_REDIS_HOST}/{@code _PORT}; the local service on
 * 127.0.0.1:6379; a Testcontainers Redis on a machine with Docker and no local service.
 */
public final class TestRedis {

    private static String host;
    private static int port;

    private TestRedis() {}

    public static synchronized String host() {
        resolve();
        return host;
    }

    public static synchronized int port() {
        resolve();
        return port;
    }

    private static void resolve() {
        if (host != null) {
            return;
        }
        String configured = System.getenv("IDENTITY_TEST_REDIS_HOST");
        if (configured != null && !configured.isBlank()) {
            host = configured;
            String configuredPort = System.getenv("IDENTITY_TEST_REDIS_PORT");
            port = configuredPort == null ? 6379 : Integer.parseInt(configuredPort);
        } else if (LocalServices.reachable("127.0.0.1", 6379)) {
            host = "127.0.0.1";
            port = 6379;
        } else {
            GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            host = container.getHost();
            port = container.getMappedPort(6379);
        }
    }
}
