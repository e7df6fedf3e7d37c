package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The NDJSON export of many audit events: complete, in order, and in flat memory. 200,000 in the default
 * suite; {@code bench/audit-export.sh} runs it with a million ({@code -Didentity.test.export-events}, a
 * multiple of 200,000). The server runs in
 * this JVM, so the heap measured here (after a full collection at every 100,000 lines) is the server's: an
 * export that gathered its rows would grow it by hundreds of megabytes.
 *
 * <p>The rows are written straight into the audit table, in a tenant of their own and at positions far past
 * any event of the other tests, and deleted afterwards: projecting a million events first would take minutes
 * and test the projection, which other tests do, rather than the export.
 */
class AuditExportMemoryIT extends IntegrationTest {

    private static final int EVENTS = Integer.getInteger("identity.test.export-events", 200_000);
    /** Lines between two heap checkpoints: ten of them. */
    private static final int CHUNK = EVENTS / 10;
    /** Rows per fixture insert: well inside the 10 s statement timeout on a loaded two-core machine. */
    private static final int FILL_CHUNK = 20_000;

    private static final long FIRST_POSITION = 1_000_000_000_000L;
    private static final long MAX_HEAP_GROWTH = 64L << 20;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void exportsEveryEventCompleteInOrderInFlatMemory() throws Exception {
        String tenant = "export-" + UUID.randomUUID();
        try {
            fill(tenant);
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                            + "/api/v1/audit/events/export?tenant=" + tenant))
                                    .header("Authorization", "Bearer " + platform.platformAdminToken(api()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);

            List<Long> heapAtCheckpoints = new ArrayList<>();
            long started = System.nanoTime();
            long lines = 0;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (globalPosition(line) != FIRST_POSITION + lines) {
                        assertThat(line)
                                .as("line %d: position %d expected", lines, FIRST_POSITION + lines)
                                .isNull();
                    }
                    lines++;
                    if (lines % CHUNK == 0) {
                        System.gc();
                        heapAtCheckpoints.add(ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed());
                        System.out.printf(
                                "export: %,d lines, heap after GC %,d MiB%n",
                                lines, heapAtCheckpoints.get(heapAtCheckpoints.size() - 1) >> 20);
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("export: %,d lines in %.1f s (%,.0f lines/s)%n", lines, seconds, lines / seconds);

            assertThat(lines).as("every event, once").isEqualTo(EVENTS);
            long baseline = heapAtCheckpoints.get(0);
            assertThat(heapAtCheckpoints)
                    .as("heap after GC at every %,d lines (first: %d MiB)", CHUNK, baseline >> 20)
                    .allSatisfy(used -> assertThat(used - baseline).isLessThan(MAX_HEAP_GROWTH));
        } finally {
            jdbc.sql("DELETE FROM audit_events WHERE tenant_id = :tenant")
                    .param("tenant", tenant)
                    .update();
        }
    }

    private void fill(String tenant) {
        for (int from = 0; from < EVENTS; from += FILL_CHUNK) {
            jdbc.sql("""
                            INSERT INTO audit_events (global_position, event_id, tenant_id, aggregate_type, aggregate_id,
                                                      aggregate_sequence, event_type, occurred_at, actor,
                                                      correlation_id, request_id, data)
                            SELECT :first + n, :tenant || '-' || n, :tenant, 'User', 'user-' || n / 10, n % 10,
                                   CASE WHEN n % 10 = 0 THEN 'UserRegistered' ELSE 'RoleAssigned' END,
                                   timestamptz '2026-01-01T00:00:00Z' + n * interval '1 millisecond',
                                   'actor-' || n % 5, 'correlation-' || n, 'request-' || n,
                                   jsonb_build_object('userId', 'user-' || n / 10, 'tenantId', :tenant, 'role', 'auditor')
                            FROM generate_series(:from, :to) AS n""")
                    .param("first", FIRST_POSITION)
                    .param("tenant", tenant)
                    .param("from", from)
                    .param("to", from + FILL_CHUNK - 1)
                    .update();
            if ((from + FILL_CHUNK) % CHUNK == 0) {
                System.out.printf("export: %,d of %,d audit rows written%n", from + FILL_CHUNK, EVENTS);
            }
        }
    }

    /** The position without parsing the whole line: parsing would put the client's garbage in the figures. */
    private static long globalPosition(String line) {
        String field = "\"globalPosition\":";
        int start = line.indexOf(field) + field.length();
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Long.parseLong(line, start, end, 10);
    }
}
