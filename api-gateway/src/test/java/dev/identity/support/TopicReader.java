package dev.identity.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/** Reads the event topic from the start, as a new downstream consumer group would. */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TOPIC = "identity.events.v1";

    private TopicReader() {}

    /** Every record of the tenant, until {@code count} distinct events have been seen or the time is up. */
    public static List<ConsumerRecord<String, String>> recordsOfTenant(String tenantId, int count, Duration patience) {
        return read(tenantId, patience, (records, distinct) -> distinct >= count);
    }

    /**
     * Every record of the tenant, until at least {@code count} records (an event published twice counts twice)
     * have been seen or the time is up.
     */
    public static List<ConsumerRecord<String, String>> recordsOfTenantCountingRepeats(
            String tenantId, int count, Duration patience) {
        return read(tenantId, patience, (records, distinct) -> records >= count);
    }

    private static List<ConsumerRecord<String, String>> read(
            String tenantId, Duration patience, BiPredicate<Integer, Integer> enough) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            // in this thread: a consumer is not to be shared, and is closed only once its last poll has returned
            await().atMost(patience)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!enough.test(mine.size(), distinct.size())) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                                JsonNode envelope = envelope(record);
                                if (tenantId.equals(envelope.path("tenantId").asText())) {
                                    mine.add(record);
                                    distinct.add(envelope.path("eventId").asText());
                                }
                            }
                        }
                        return enough.test(mine.size(), distinct.size());
                    });
        } catch (ConditionTimeoutException timeUp) {
            // what has been seen: the caller's assertions tell what is missing
        }
        return mine;
    }

    public static JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
