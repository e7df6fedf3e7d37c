package dev.identity.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Small waits and probes the test support shares. */
public final class LocalServices {

    private LocalServices() {
    }

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
    public static void awaitAssignment(MessageListenerContainer container) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
            throw new IllegalStateException("Listener " + container.getListenerId() + " got no partitions in 30 s");
        }
    }
}
