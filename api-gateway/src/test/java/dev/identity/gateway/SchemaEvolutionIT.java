package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A revision-1 UserRegistered, written the way it was stored before revision 2 existed, still loads into
 * the aggregate, is projected, shows in the audit trail and goes to Kafka — all as revision 2.
 */
class SchemaEvolutionIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void revisionOneEventsStillWorkEverywhere() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = UUID.randomUUID().toString();
        String payload = """
                {"userId":"%s","tenantId":"%s","email":"legacy@example.com",\
                "passwordHash":"{bcrypt}$2a$10$abcdefghijklmnopqrstuv","displayName":"Legacy","roles":["member"]}""".formatted(userId, tenant.id());
        String metadata = """
                {"actor":"system","tenantId":"%s","requestId":"legacy-request","correlationId":"legacy-request"}""".formatted(tenant.id());
        jdbc.sql("""
                        INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                            event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
                        VALUES (nextval('domain_event_entry_seq'), :id, 0, 'User', :eventId,
                            'dev.identity.events.user.UserRegistered', '1', convert_to(:payload, 'UTF8'),
                            convert_to(:metadata, 'UTF8'), :timestamp)""")
                .param("id", userId)
                .param("eventId", UUID.randomUUID().toString())
                .param("payload", payload)
                .param("metadata", metadata)
                .param("timestamp", Instant.now().toString())
                .update();

        Api.Response projected = awaitUser(api, tenant, userId);
        assertThat(projected.text("email")).isEqualTo("legacy@example.com");

        Api.Response deactivated = api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);
        assertThat(deactivated.status())
                .as("the aggregate loads from the old event: %s", deactivated)
                .isEqualTo(200);
        assertThat(deactivated.text("status")).isEqualTo("DEACTIVATED");

        String auditor = platform.userWithRole(api, tenant, "auditor");
        JsonNode registered = awaitHistory(api, auditor, userId).get(0);
        assertThat(registered.path("data").path("registeredBy").asText()).isEqualTo("SYSTEM");
        assertThat(registered.path("data").has("passwordHash")).isFalse();

        int tenantEvents =
                jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(Integer.class).single();
        JsonNode published = TopicReader.recordsOfTenant(tenant.id(), tenantEvents, Duration.ofSeconds(60)).stream()
                .map(TopicReader::envelope)
                .filter(envelope -> userId.equals(envelope.path("aggregateId").asText())
                        && envelope.path("type").asText().equals("UserRegistered"))
                .findFirst()
                .orElseThrow();
        assertThat(published.path("version").asInt()).isEqualTo(2);
        assertThat(published.path("data").path("registeredBy").asText()).isEqualTo("SYSTEM");
    }

    private static Api.Response awaitUser(Api api, TestTenant tenant, String userId) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .alias("user " + userId + " projected")
                .until(
                        () -> api.get("/api/v1/users/" + userId, tenant.adminToken()),
                        response -> response.status() == 200);
    }

    private static JsonNode awaitHistory(Api api, String auditor, String userId) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .alias("audit history of " + userId)
                .until(
                        () -> api.get("/api/v1/audit/users/" + userId + "/history", auditor),
                        history -> history.status() == 200 && history.body().size() >= 2)
                .body();
    }
}
