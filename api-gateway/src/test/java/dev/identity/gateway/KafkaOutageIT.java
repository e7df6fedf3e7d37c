package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TestKafka;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The broker goes away mid-run: commands keep succeeding, and the stream catches up without a loss. */
class KafkaOutageIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void commandsSucceedWhileKafkaIsDownAndNothingIsLost() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        assertThat(TopicReader.recordsOfTenant(tenant.id(), 2, Duration.ofSeconds(30)))
                .isNotEmpty();

        TestKafka.stopBroker();
        try {
            for (int i = 0; i < 5; i++) {
                Api.Response created = api.post(
                        "/api/v1/users",
                        tenant.adminToken(),
                        Map.of(
                                "email",
                                "offline" + i + "@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Offline"));
                assertThat(created.status()).as("%s", created).isEqualTo(201);
            }
            long lastEvent = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                    .query(Long.class)
                    .single();
            assertThat(publishedUpTo())
                    .as("nothing is marked published while Kafka is down")
                    .isLessThan(lastEvent);
        } finally {
            TestKafka.startBroker();
        }

        Set<String> expected = new HashSet<>(
                jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(String.class).list());
        Set<String> received = new HashSet<>();
        TopicReader.recordsOfTenant(tenant.id(), expected.size(), Duration.ofSeconds(120))
                .forEach(record -> received.add(
                        TopicReader.envelope(record).path("eventId").asText()));
        assertThat(received).isEqualTo(expected);
    }

    /** The publisher's position: how far events are acknowledged by Kafka. */
    private long publishedUpTo() {
        List<String> tokens = jdbc.sql("""
                        SELECT convert_from(token, 'UTF8') FROM token_entry
                        WHERE processor_name = 'kafka-publisher' AND token IS NOT NULL""").query(String.class).list();
        return tokens.stream()
                .mapToLong(token -> {
                    java.util.regex.Matcher index =
                            java.util.regex.Pattern.compile("\"index\":(\\d+)").matcher(token);
                    long highest = -1;
                    while (index.find()) {
                        highest = Math.max(highest, Long.parseLong(index.group(1)));
                    }
                    return highest;
                })
                .max()
                .orElse(-1);
    }
}
