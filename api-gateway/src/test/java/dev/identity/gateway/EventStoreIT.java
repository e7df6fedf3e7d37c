package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What lands in PostgreSQL, read with plain SQL as an auditor or operator would. */
class EventStoreIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EventStorageEngine storageEngine;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void eventRowsAreReadableJsonWithTenantActorCorrelationAndRequestIds() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        Api.Response created = api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of("email", "audited@example.com", "password", "s3cret-plaintext!", "displayName", "Audited"));
        String requestId = created.header("X-Request-Id");
        assertThat(requestId).isNotBlank();

        Map<String, Object> row =
                jdbc.sql("""
                        SELECT payload_type, payload_revision, convert_from(payload, 'UTF8') AS payload,
                               convert_from(meta_data, 'UTF8') AS meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = :id""").param("id", created.text("id")).query().singleRow();

        assertThat(row.get("payload_type")).isEqualTo("dev.identity.events.user.UserRegistered");
        assertThat(row.get("payload_revision")).isEqualTo("2");
        assertThat(JSON.readTree((String) row.get("payload"))
                        .path("registeredBy")
                        .asText())
                .isEqualTo("ADMIN");
        JsonNode payload = JSON.readTree((String) row.get("payload"));
        assertThat(payload.path("email").asText()).isEqualTo("audited@example.com");
        assertThat(payload.path("tenantId").asText()).isEqualTo(tenant.id());
        assertThat(payload.path("passwordHash").asText()).startsWith("{argon2}$argon2id$");
        JsonNode metadata = JSON.readTree((String) row.get("meta_data"));
        assertThat(metadata.path("tenantId").asText()).isEqualTo(tenant.id());
        assertThat(metadata.path("actor").asText()).isEqualTo(tenant.adminId());
        assertThat(metadata.path("requestId").asText()).isEqualTo(requestId);
        assertThat(metadata.path("correlationId").asText()).isEqualTo(requestId);
    }

    @Test
    void callerSuppliedRequestAndCorrelationIdsAreKept() throws Exception {
        Api api = api();
        TestTenant open = platform.createTenant(api, true);
        Api.Response response = api.postWithHeaders(
                "/api/v1/auth/register",
                Map.of("X-Request-Id", "req-123.abc", "X-Correlation-Id", "flow-42"),
                Map.of(
                        "tenant",
                        open.slug(),
                        "email",
                        "traced@example.com",
                        "password",
                        PlatformFixture.PASSWORD,
                        "displayName",
                        "Traced"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).isEqualTo("req-123.abc");
        String userId = response.text("id");

        JsonNode metadata = JSON.readTree(jdbc.sql(
                        "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", userId)
                .query(String.class)
                .single());
        assertThat(metadata.path("requestId").asText()).isEqualTo("req-123.abc");
        assertThat(metadata.path("correlationId").asText()).isEqualTo("flow-42");
        assertThat(metadata.path("actor").asText()).isEqualTo(userId);
    }

    @Test
    void plaintextPasswordsNeverReachTheEventStore() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String password = "unique-plaintext-" + tenant.slug();
        api.post(
                "/api/v1/users",
                tenant.adminToken(),
                Map.of("email", "secret@example.com", "password", password, "displayName", "Secret"));

        long leaks = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE position(:password IN convert_from(payload, 'UTF8')) > 0
                           OR position(:password IN convert_from(meta_data, 'UTF8')) > 0""").param("password", password).query(Long.class).single();
        assertThat(leaks).isZero();
    }

    @Test
    void axonTablesUseByteaNotLargeObjectsAndADenseGlobalSequence() {
        List<String> oidColumns = jdbc.sql("""
                        SELECT table_name || '.' || column_name FROM information_schema.columns
                        WHERE table_schema = 'public' AND data_type = 'oid'""").query(String.class).list();
        assertThat(oidColumns).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns "
                                + "WHERE table_name = 'domain_event_entry' AND column_name = 'payload'")
                        .query(String.class)
                        .single())
                .isEqualTo("bytea");
        assertThat(jdbc.sql("SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("SELECT convert_from(token, 'UTF8') FROM token_entry "
                                + "WHERE processor_name = 'users' AND token IS NOT NULL LIMIT 1")
                        .query(String.class)
                        .single())
                .contains("\"index\"");
    }

    @Test
    void anAppendThatLosesTheRaceForASequenceNumberIsAConcurrencyConflict() {
        String aggregate = UUID.randomUUID().toString();
        transactions.executeWithoutResult(transaction -> {
            // rolled back: the probe's events never reach a processor
            transaction.setRollbackOnly();
            storageEngine.appendEvents(
                    new GenericDomainEventMessage<>("Probe", aggregate, 0, "first"),
                    new GenericDomainEventMessage<>("Probe", aggregate, 1, "second"));
            assertThatThrownBy(() -> storageEngine.appendEvents(
                            new GenericDomainEventMessage<>("Probe", aggregate, 1, "racing second")))
                    .isInstanceOf(ConcurrencyException.class);
        });
    }
}
