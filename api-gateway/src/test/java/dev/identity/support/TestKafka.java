package dev.identity.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Where the tests find Kafka: {@code IDENTITY_TEST_KAFKA_BOOTSTRAP_SERVERS}; the broker scripts/kafka.sh
 * runs on 127.0.0.1:9092 (scripts/test.sh starts it); a Testcontainers Kafka on a machine with Docker.
 */
public final class TestKafka {

    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String configured = System.getenv("IDENTITY_TEST_KAFKA_BOOTSTRAP_SERVERS");
            if (configured != null && !configured.isBlank()) {
                bootstrapServers = configured;
            } else if (reachable()) {
                bootstrapServers = "127.0.0.1:9092";
            } else {
                KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
                container.start();
                bootstrapServers = container.getBootstrapServers();
            }
        }
        return bootstrapServers;
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 9092), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
