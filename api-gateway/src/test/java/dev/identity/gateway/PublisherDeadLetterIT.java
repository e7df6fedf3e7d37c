package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.events.user.LoginFailed;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.RawEvents;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A record Kafka refuses for good (larger than the producer may send) parks its aggregate in the publisher's
 * dead-letter queue: that aggregate's later events wait behind it, in order, while other aggregates' events
 * are published. Evicting the refused one and retrying publishes the ones behind it.
 */
class PublisherDeadLetterIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aRecordKafkaRefusesHoldsBackOnlyItsOwnAggregate() {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        String parked = platform.createUser(api, tenant, "parked@example.com");
        String flowing = platform.createUser(api, tenant, "flowing@example.com");
        String failure = """
                {"userId":"%s","tenantId":"%s","clientIp":"%s"}""";

        // over the producer's max.request.size (1 MiB): Kafka refuses it whatever the retries
        RawEvents.Stored tooLarge = RawEvents.insert(
                jdbc,
                "User",
                parked,
                RawEvents.nextSequence(jdbc, parked),
                LoginFailed.class,
                failure.formatted(parked, tenant.id(), "x".repeat(1_500_000)),
                tenant.id());
        RawEvents.Stored behind = RawEvents.insert(
                jdbc,
                "User",
                parked,
                RawEvents.nextSequence(jdbc, parked),
                LoginFailed.class,
                failure.formatted(parked, tenant.id(), "192.0.2.1"),
                tenant.id());
        RawEvents.Stored other = RawEvents.insert(
                jdbc,
                "User",
                flowing,
                RawEvents.nextSequence(jdbc, flowing),
                LoginFailed.class,
                failure.formatted(flowing, tenant.id(), "192.0.2.2"),
                tenant.id());

        List<JsonNode> letters = awaitLetters(api, operator, parked, 2);
        assertThat(letters.get(0).path("eventId").asText()).isEqualTo(tooLarge.eventId());
        assertThat(letters.get(0).path("causeType").asText()).contains("RecordTooLargeException");
        assertThat(letters.get(1).path("eventId").asText()).isEqualTo(behind.eventId());

        int tenantEvents = tenantEvents(tenant);
        Set<String> published = publishedEventIds(tenant, tenantEvents - 2);
        assertThat(published).as("another aggregate's event flows").contains(other.eventId());
        assertThat(published).as("the parked aggregate's later event waits").doesNotContain(behind.eventId());

        assertThat(api.post(
                                "/api/v1/admin/dead-letters/kafka-publisher/" + parked + "/evict",
                                operator,
                                Map.of(
                                        "eventId",
                                        tooLarge.eventId(),
                                        "reason",
                                        "larger than Kafka accepts",
                                        "confirm",
                                        true))
                        .status())
                .isEqualTo(200);
        Api.Response retried =
                api.post("/api/v1/admin/dead-letters/kafka-publisher/" + parked + "/retry", operator, null);
        assertThat(retried.body().path("resolved").asBoolean())
                .as("%s", retried)
                .isTrue();
        assertThat(publishedEventIds(tenant, tenantEvents(tenant) - 1))
                .contains(behind.eventId())
                .doesNotContain(tooLarge.eventId());
    }

    private int tenantEvents(TestTenant tenant) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(Integer.class).single();
    }

    private static Set<String> publishedEventIds(TestTenant tenant, int expected) {
        return TopicReader.recordsOfTenant(tenant.id(), expected, PATIENCE).stream()
                .map(record -> TopicReader.envelope(record).path("eventId").asText())
                .collect(Collectors.toSet());
    }

    private static List<JsonNode> awaitLetters(Api api, String operator, String sequence, int count) {
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .alias("The publisher parks " + count + " events of " + sequence)
                .until(
                        () -> {
                            Api.Response listing =
                                    api.get("/api/v1/admin/dead-letters?processor=kafka-publisher", operator);
                            return StreamSupport.stream(
                                            listing.body().path("items").spliterator(), false)
                                    .filter(letter ->
                                            letter.path("sequence").asText().equals(sequence))
                                    .toList();
                        },
                        letters -> letters.size() >= count);
    }
}
