package dev.identity.gateway.consistency;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This application instance as the others see it: the {@code application_name} of its listener connection,
 * {@code identity-gateway:<host>-<random>}, which is how a writer finds the live instances in
 * {@code pg_stat_activity}. Unique per application context, so two instances in one JVM (tests) are two.
 */
@Component
public final class Instance {

    static final String APPLICATION_NAME_PREFIX = "identity-gateway:";
    /** PostgreSQL keeps 63 bytes of an application name. */
    private static final int MAX_HOST = 63 - APPLICATION_NAME_PREFIX.length() - 1 - 8;

    private final String id;

    Instance() {
        String host = host().replaceAll("[^A-Za-z0-9.-]", "");
        this.id = host.substring(0, Math.min(host.length(), MAX_HOST)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    public String applicationName() {
        return APPLICATION_NAME_PREFIX + id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
