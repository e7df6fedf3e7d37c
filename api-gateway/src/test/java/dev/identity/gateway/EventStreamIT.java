package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consumes the real topic as a downstream service would: complete, ordered per aggregate, no secrets. */
class EventStreamIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECRET_MARKERS = List.of(
            "passwordHash", "refreshTokenHash", "spentHash", "newHash", "{bcrypt}", "$2a$", "{argon2}", "$argon2id$");

    @Autowired
    private JdbcClient jdbc;

    @Test
    void everyEventOfATenantArrivesOnceInOrderPerAggregateWithoutSecrets() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "streamed@example.com");
        Api.Response login =
                platform.loginForTokens(api, tenant.slug(), "streamed@example.com", PlatformFixture.PASSWORD);
        api.post("/api/v1/auth/refresh", null, Map.of("refreshToken", login.text("refreshToken")));
        api.method("PUT", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
        api.post(
                "/api/v1/users/me/password",
                login.text("accessToken"),
                Map.of("currentPassword", PlatformFixture.PASSWORD, "newPassword", "another long secret"));
        api.post("/api/v1/users/" + userId + "/deactivate", tenant.adminToken(), null);

        // The deactivation's sessions are ended by the command side's policy after the request has answered.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant
                          AND payload_type LIKE '%SessionRevoked'""")
                                .param("tenant", tenant.id())
                                .query(Long.class)
                                .single()
                        > 0);
        Set<String> expected = new HashSet<>(
                jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(String.class).list());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(9);

        List<ConsumerRecord<String, String>> records =
                TopicReader.recordsOfTenant(tenant.id(), expected.size(), Duration.ofSeconds(60));

        Map<String, Long> lastSequence = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = JSON.readTree(record.value());
            SECRET_MARKERS.forEach(marker -> assertThat(record.value()).doesNotContain(marker));
            if (!seen.add(envelope.path("eventId").asText())) {
                continue; // at least once: a consumer skips what it has applied
            }
            assertThat(record.key()).isEqualTo(envelope.path("aggregateId").asText());
            assertThat(envelope.path("envelopeVersion").asInt()).isEqualTo(1);
            assertThat(envelope.path("tenantId").asText()).isEqualTo(tenant.id());
            assertThat(envelope.path("globalPosition").asLong()).isPositive();
            assertThat(envelope.path("type").asText()).isNotBlank();
            assertThat(envelope.path("actor").asText()).isNotBlank();
            long sequence = envelope.path("aggregateSequence").asLong();
            Long previous = lastSequence.put(record.key(), sequence);
            assertThat(previous == null ? -1 : previous)
                    .as("order of %s", record.key())
                    .isLessThan(sequence);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(records)
                .extracting(record -> JSON.readTree(record.value()).path("type").asText())
                .contains(
                        "TenantCreated",
                        "UserRegistered",
                        "SessionStarted",
                        "RefreshTokenRotated",
                        "RoleAssigned",
                        "PasswordChanged",
                        "UserDeactivated",
                        "SessionRevoked");
    }
}
