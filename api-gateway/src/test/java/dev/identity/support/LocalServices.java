package dev.identity.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Small waits and probes the test support shares. */
public final class LocalServices {

    private LocalServices() {}

    /** Whether something accepts connections there (the machine's own PostgreSQL, Redis or Kafka). */
    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until a Kafka listener has its partitions: a consumer that starts at the latest offset sees only
     * what is published after that.
     */
    public static void awaitAssignment(MessageListenerContainer container) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .alias("Listener " + container.getListenerId() + " gets partitions in 30 s")
                .until(() -> container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty());
    }
}
