package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What operators see of the processors, and re-feeding the Kafka stream from a position. */
class ProjectionAdminIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void statusShowsEveryProcessorAgainstTheHead() {
        Api api = api();
        JsonNode status = api.get("/api/v1/admin/projections", platform.platformAdminToken(api))
                .body();
        List<String> names = status.findValuesAsText("name");
        assertThat(names).contains("users", "tenants", "sessions", "audit", "kafka-publisher");
        for (JsonNode processor : status) {
            assertThat(processor.path("head").asLong()).isPositive();
            assertThat(processor.path("lag").asLong())
                    .isEqualTo(processor.path("head").asLong()
                            - Math.max(0, processor.path("position").asLong()));
            assertThat(processor.path("segments").asInt()).isPositive();
        }
        TestTenant tenant = platform.createTenant(api, false);
        assertProblem(api.get("/api/v1/admin/projections", tenant.adminToken()), 403, "FORBIDDEN");
    }

    @Test
    void rewindPublishesEventsFromAPositionAgain() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        List<Long> positions =
                jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant ORDER BY global_index""").param("tenant", tenant.id()).query(Long.class).list();
        Set<String> once = eventIds(TopicReader.recordsOfTenant(tenant.id(), positions.size(), Duration.ofSeconds(30)));
        assertThat(once).hasSize(positions.size());

        Api.Response rewound = api.post(
                "/api/v1/admin/stream/rewind",
                platform.platformAdminToken(api),
                Map.of("confirm", true, "fromPosition", positions.get(0)));
        assertThat(rewound.status()).as("%s", rewound).isEqualTo(202);
        assertThat(rewound.text("name")).isEqualTo("kafka-publisher");

        // counting repeats: a reader that stops at the first copy of every event misses copies in later batches
        List<ConsumerRecord<String, String>> records =
                TopicReader.recordsOfTenantCountingRepeats(tenant.id(), 2 * positions.size(), Duration.ofSeconds(60));
        assertThat(records.size())
                .as("every event of the tenant published twice")
                .isGreaterThanOrEqualTo(2 * positions.size());
        assertThat(eventIds(records)).isEqualTo(once);

        assertProblem(
                api.post(
                        "/api/v1/admin/stream/rewind",
                        platform.platformAdminToken(api),
                        Map.of("confirm", true, "fromPosition", 0)),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                api.post(
                        "/api/v1/admin/stream/rewind",
                        platform.platformAdminToken(api),
                        Map.of("confirm", true, "fromPosition", Long.MAX_VALUE)),
                400,
                "VALIDATION_FAILED");
    }

    private static Set<String> eventIds(List<ConsumerRecord<String, String>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(
                record -> ids.add(TopicReader.envelope(record).path("eventId").asText()));
        return ids;
    }
}
