package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.support.IntegrationTest;
import dev.identity.support.LocalServices;
import dev.identity.support.TestKafka;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/** A record the cache invalidator cannot read goes to the dead-letter topic, and the consumer carries on. */
class DeadLetterIT extends IntegrationTest {

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void unreadableRecordGoesToTheDeadLetterTopic() throws Exception {
        var invalidator = listeners.getListenerContainer("access-cache-invalidator");
        LocalServices.awaitAssignment(invalidator);
        String marker = UUID.randomUUID().toString();
        kafka.send(TopicReader.TOPIC, "not-an-aggregate", "{\"notAnEnvelope\":\"" + marker + "\"}")
                .get();

        assertThat(deadLetterContaining(marker)).as("dead-lettered").isTrue();
        assertThat(invalidator.isRunning()).isTrue();
    }

    /** Whether a record on the dead-letter topic contains the marker: fails if none does within 30 s. */
    private static boolean deadLetterContaining(String marker) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TopicReader.TOPIC + ".dlt"));
            // in this thread: a consumer is not to be shared, and is closed only once its last poll has returned
            return await().atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(50))
                    .alias("a record with " + marker + " on the dead-letter topic")
                    .until(
                            () -> {
                                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                                    if (record.value() != null && record.value().contains(marker)) {
                                        return true;
                                    }
                                }
                                return false;
                            },
                            found -> found);
        }
    }
}
