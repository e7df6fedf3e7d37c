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
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two appends that commit out of order (as two instances writing at once do) fill a gap in the global
 * sequence. Every event keeps its own position in the audit trail and on Kafka; none is lost.
 */
class AuditPositionsIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Test
    void anEventCommittedAfterALaterOneKeepsItsOwnPositionEverywhere() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String first = platform.createUser(api, tenant, "first@example.com");
        String second = platform.createUser(api, tenant, "second@example.com");
        String failure = """
                {"userId":"%s","tenantId":"%s","clientIp":"192.0.2.7"}""";

        RawEvents.Stored earlier;
        RawEvents.Stored later;
        try (Connection slow = dataSource.getConnection();
                Connection fast = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            earlier = RawEvents.insert(
                    client(slow),
                    "User",
                    first,
                    RawEvents.nextSequence(jdbc, first),
                    LoginFailed.class,
                    failure.formatted(first, tenant.id()),
                    tenant.id());
            later = RawEvents.insert(
                    client(fast),
                    "User",
                    second,
                    RawEvents.nextSequence(jdbc, second),
                    LoginFailed.class,
                    failure.formatted(second, tenant.id()),
                    tenant.id());
            assertThat(later.globalIndex()).isGreaterThan(earlier.globalIndex());
            fast.commit();
            awaitAuditRow(later.eventId());
            slow.commit();
        }

        awaitAuditRow(earlier.eventId());
        Map<String, Long> positions = jdbc
                .sql("SELECT event_id, global_position FROM audit_events WHERE event_id IN (:ids)")
                .param("ids", List.of(earlier.eventId(), later.eventId()))
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(positions)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(earlier.eventId(), earlier.globalIndex(), later.eventId(), later.globalIndex()));

        String auditor = platform.userWithRole(api, tenant, "auditor");
        JsonNode history =
                api.get("/api/v1/audit/users/" + first + "/history", auditor).body();
        JsonNode shown = findByEventId(history, earlier.eventId());
        assertThat(shown.path("globalPosition").asLong()).isEqualTo(earlier.globalIndex());

        int tenantEvents =
                jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(Integer.class).single();
        Map<String, Long> published = TopicReader.recordsOfTenant(tenant.id(), tenantEvents, PATIENCE).stream()
                .map(TopicReader::envelope)
                .filter(envelope -> envelope.path("type").asText().equals("LoginFailed"))
                .collect(Collectors.toMap(
                        envelope -> envelope.path("eventId").asText(),
                        envelope -> envelope.path("globalPosition").asLong(),
                        (one, again) -> one));
        assertThat(published)
                .containsEntry(earlier.eventId(), earlier.globalIndex())
                .containsEntry(later.eventId(), later.globalIndex());
    }

    @Test
    void anAuditRowWhoseKeyIsTakenByAnotherEventFailsLoudlyAndIsAppliedOnceTheSquatterIsGone() {
        Api api = api();
        String operator = platform.platformAdminToken(api);
        TestTenant tenant = platform.createTenant(api, false);
        String user = platform.createUser(api, tenant, "squatted@example.com");
        long position = jdbc.sql("SELECT nextval('domain_event_entry_seq')")
                .query(Long.class)
                .single();
        String squatter = "squatter-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO audit_events (global_position, event_id, event_type, occurred_at, data)
                        VALUES (:position, :squatter, 'Squatter', now(), '{}'::jsonb)""").param("position", position).param("squatter", squatter).update();
        RawEvents.Stored event = RawEvents.insertAt(
                jdbc,
                position,
                "User",
                user,
                RawEvents.nextSequence(jdbc, user),
                LoginFailed.class,
                """
                        {"userId":"%s","tenantId":"%s","clientIp":"192.0.2.9"}""".formatted(user, tenant.id()),
                tenant.id());

        JsonNode parked = awaitParkedInAudit(api, operator, user);
        assertThat(parked.path("eventId").asText()).isEqualTo(event.eventId());
        assertThat(parked.path("causeMessage").asText()).contains("duplicate key");

        jdbc.sql("DELETE FROM audit_events WHERE event_id = :squatter")
                .param("squatter", squatter)
                .update();
        Api.Response retried = api.post("/api/v1/admin/dead-letters/audit/" + user + "/retry", operator, null);
        assertThat(retried.body().path("resolved").asBoolean())
                .as("%s", retried)
                .isTrue();
        assertThat(jdbc.sql("SELECT event_id FROM audit_events WHERE global_position = :position")
                        .param("position", position)
                        .query(String.class)
                        .single())
                .isEqualTo(event.eventId());
    }

    private static JsonNode awaitParkedInAudit(Api api, String operator, String sequence) {
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .alias("The audit trail parks an event of " + sequence)
                .until(
                        () -> {
                            for (JsonNode letter : api.get("/api/v1/admin/dead-letters?processor=audit", operator)
                                    .body()
                                    .path("items")) {
                                if (letter.path("sequence").asText().equals(sequence)) {
                                    return Optional.of(letter);
                                }
                            }
                            return Optional.<JsonNode>empty();
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private static JdbcClient client(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    private void awaitAuditRow(String eventId) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .alias("Event " + eventId + " reaches the audit trail")
                .until(() -> jdbc.sql("SELECT count(*) FROM audit_events WHERE event_id = :id")
                                .param("id", eventId)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    private static JsonNode findByEventId(JsonNode events, String eventId) {
        for (JsonNode event : events) {
            if (event.path("eventId").asText().equals(eventId)) {
                return event;
            }
        }
        throw new AssertionError("No event " + eventId + " in " + events);
    }
}
