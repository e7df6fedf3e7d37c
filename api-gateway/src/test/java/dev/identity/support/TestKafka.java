package dev.identity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Where the tests find Kafka: {@code IDENTITY_TEST_KAFKA_BOOTSTRAP_SERVERS}; the broker scripts/kafka.sh
 * runs on 127.0.0.1:9092 (scripts/test.sh starts it); a Testcontainers Kafka on a machine with Docker.
 */
public final class TestKafka {

    private static String bootstrapServers;
    private static KafkaContainer container;

    private TestKafka() {}

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String configured = System.getenv("IDENTITY_TEST_KAFKA_BOOTSTRAP_SERVERS");
            if (configured != null && !configured.isBlank()) {
                bootstrapServers = configured;
            } else if (LocalServices.reachable("127.0.0.1", 9092)) {
                bootstrapServers = "127.0.0.1:9092";
            } else {
                container = new KafkaContainer("apache/kafka:3.9.1");
                container.start();
                bootstrapServers = container.getBootstrapServers();
            }
        }
        return bootstrapServers;
    }

    /** Makes the broker unreachable: stops the local broker, or pauses the container. */
    public static synchronized void stopBroker() {
        if (container != null) {
            container
                    .getDockerClient()
                    .pauseContainerCmd(container.getContainerId())
                    .exec();
        } else {
            brokerScript("stop");
        }
    }

    public static synchronized void startBroker() {
        if (container != null) {
            container
                    .getDockerClient()
                    .unpauseContainerCmd(container.getContainerId())
                    .exec();
        } else {
            brokerScript("start");
        }
    }

    private static void brokerScript(String action) {
        if (!bootstrapServers().equals("127.0.0.1:9092")) {
            throw new IllegalStateException(
                    "Stopping Kafka needs the local broker or Testcontainers, not " + bootstrapServers());
        }
        Path script = Path.of("").toAbsolutePath().getParent().resolve("scripts/kafka.sh");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), action)
                    .inheritIO()
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/kafka.sh " + action + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
