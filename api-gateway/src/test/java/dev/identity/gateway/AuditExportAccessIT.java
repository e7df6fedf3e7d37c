package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An export that outlives its caller's session stops: it checks again while it streams. The rows are written
 * straight into the audit table (a tenant and positions of their own, deleted afterwards), enough of them that
 * the server is still writing when the session ends.
 */
class AuditExportAccessIT extends IntegrationTest {

    private static final int EVENTS = 50_000;
    private static final int CHUNK = 10_000;
    private static final long FIRST_POSITION = 2_000_000_000_000L;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anExportStopsWhenItsCallersSessionEnds() throws Exception {
        String tenant = "export-access-" + UUID.randomUUID();
        Api api = api();
        try {
            fill(tenant);
            Api.Response login = api.post("/api/v1/auth/login", null, platform.platformAdminCredentials());
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                            + "/api/v1/audit/events/export?tenant=" + tenant))
                                    .header("Authorization", "Bearer " + login.text("accessToken"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);

            long lines = 0;
            String last = null;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 10; i++) {
                    last = reader.readLine();
                    lines++;
                }
                assertThat(api.method(
                                        "DELETE",
                                        "/api/v1/sessions/" + login.text("sessionId"),
                                        login.text("accessToken"))
                                .status())
                        .isEqualTo(204);
                Thread.sleep(3000);
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    last = line;
                    lines++;
                }
            }

            System.out.printf(
                    "[export-access] %,d of %,d lines streamed before the export stopped%n", lines - 1, EVENTS);
            JsonNode end = json.readTree(last);
            assertThat(end.path("error").path("code").asText())
                    .as("last line: %s", last)
                    .isEqualTo("ACCESS_ENDED");
            assertThat(lines - 1).isLessThan(EVENTS);
        } finally {
            jdbc.sql("DELETE FROM audit_events WHERE tenant_id = :tenant")
                    .param("tenant", tenant)
                    .update();
        }
    }

    private void fill(String tenant) {
        for (int from = 0; from < EVENTS; from += CHUNK) {
            jdbc.sql("""
                        INSERT INTO audit_events (global_position, event_id, tenant_id, aggregate_type, aggregate_id,
                                                  aggregate_sequence, event_type, occurred_at, actor,
                                                  correlation_id, request_id, data)
                        SELECT :first + n, :tenant || '-' || n, :tenant, 'User', 'user-' || n / 10, n % 10,
                               'RoleAssigned', timestamptz '2026-01-01T00:00:00Z' + n * interval '1 millisecond',
                               'actor', 'correlation-' || n, 'request-' || n,
                               jsonb_build_object('userId', 'user-' || n / 10, 'tenantId', :tenant, 'role', 'auditor',
                                                  'padding', repeat('x', 1000))
                        FROM generate_series(:from, :to) AS n""")
                    .param("first", FIRST_POSITION)
                    .param("tenant", tenant)
                    .param("from", from)
                    .param("to", from + CHUNK - 1)
                    .update();
        }
    }
}
