package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Malformed input is refused at the door with a problem naming what is wrong, before any command or query:
 * nothing that PostgreSQL would refuse later reaches the event store, and nothing answers 500.
 */
class MalformedInputIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ObjectMapper objectMapper;

    @LocalServerPort
    private int port;

    @Test
    void selfRegistrationWithANulInTheDisplayNameIsRefusedAndStoresNoEvent() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, true);
        Api.Response response = api.post(
                "/api/v1/auth/register",
                null,
                Map.of(
                        "tenant",
                        tenant.slug(),
                        "email",
                        "nul@example.com",
                        "password",
                        PlatformFixture.PASSWORD,
                        "displayName",
                        "a\u0000b"));
        assertInvalid(response, "displayName", "must not contain control characters");
        assertThat(registrationsIn(tenant)).isEqualTo(1);
    }

    @Test
    void controlCharactersSurrogatesAndBidiControlsInBodiesAreNamedByTheirJsonPath() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        assertInvalid(
                api.post(
                        "/api/v1/users",
                        tenant.adminToken(),
                        Map.of(
                                "email",
                                "tab@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Tab\there")),
                "displayName",
                "must not contain control characters");
        assertInvalid(
                api.post(
                        "/api/v1/users",
                        tenant.adminToken(),
                        Map.of(
                                "email",
                                "nel@example.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Next\u0085line")),
                "displayName",
                "must not contain control characters");
        assertInvalid(
                api.post(
                        "/api/v1/users",
                        tenant.adminToken(),
                        Map.of(
                                "email",
                                "evil\u202Emoc.elpmaxe@x.com",
                                "password",
                                PlatformFixture.PASSWORD,
                                "displayName",
                                "Evil")),
                "email",
                "must not contain bidirectional control characters");
        assertInvalid(
                api.postRaw(
                        "/api/v1/users",
                        tenant.adminToken(),
                        "{\"email\": \"s@example.com\", \"password\": \"" + PlatformFixture.PASSWORD
                                + "\", \"displayName\": \"lone \\uD800\"}"),
                "displayName",
                "must not contain unpaired surrogates");
        assertInvalid(
                api.post(
                        "/api/v1/tenants",
                        platform.platformAdminToken(api),
                        Map.of(
                                "slug",
                                "nul-admin",
                                "name",
                                "Nul",
                                "admin",
                                Map.of(
                                        "email",
                                        "a@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "\u0000\u0000"))),
                "admin.displayName",
                "must not contain control characters");
        assertInvalid(
                api.method(
                        "PUT",
                        "/api/v1/roles/auditor-x",
                        tenant.adminToken(),
                        Map.of("permissions", List.of("audit:read\u0000"))),
                "permissions[0]",
                "must not contain control characters");
        assertInvalid(
                api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant.slug(), "email", "x\u0000@example.com", "password", "whatever it is")),
                "email",
                "must not contain control characters");
        assertInvalid(
                api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of(
                                "tenant",
                                tenant.slug() + "\u2066",
                                "email",
                                "x@example.com",
                                "password",
                                "whatever it is")),
                "tenant",
                "must not contain bidirectional control characters");
    }

    @Test
    void invalidUtf8InABodyIsNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        byte[] prefix = ("{\"email\": \"utf@example.com\", \"password\": \"" + PlatformFixture.PASSWORD
                        + "\", \"displayName\": \"bad ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        assertInvalid(
                api.exchange("POST", "/api/v1/users", tenant.adminToken(), JSON_TYPE, BodyPublishers.ofByteArray(body)),
                "displayName",
                "is not valid UTF-8");
    }

    @Test
    void controlCharactersAndBidiControlsInPathVariablesAreNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);
        assertInvalid(api.get("/api/v1/users/%01", tenant.adminToken()), "id", "must not contain control characters");
        assertInvalid(
                api.post("/api/v1/users/%07/deactivate", tenant.adminToken(), null),
                "id",
                "must not contain control characters");
        assertInvalid(
                api.method("PUT", "/api/v1/users/" + tenant.adminId() + "/roles/x%1F", tenant.adminToken()),
                "role",
                "must not contain control characters");
        assertInvalid(
                api.method("DELETE", "/api/v1/roles/a%E2%80%AEb", tenant.adminToken()),
                "name",
                "must not contain bidirectional control characters");
        assertInvalid(api.get("/api/v1/tenants/%1B", platformAdmin), "id", "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/users/%7F/sessions", tenant.adminToken()),
                "id",
                "must not contain control characters");
        assertInvalid(
                api.method("DELETE", "/api/v1/sessions/%C2%85", tenant.adminToken()),
                "sessionId",
                "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/audit/users/a%09b/history", platformAdmin),
                "id",
                "must not contain control characters");
        assertInvalid(
                api.post("/api/v1/admin/projections/%C2%9F/replay", platformAdmin, Map.of("confirm", true)),
                "name",
                "must not contain control characters");
    }

    /**
     * Tomcat refuses an encoded NUL and bytes that are not UTF-8 anywhere in the path, and the security firewall an
     * encoded line break, before routing: there is no field to name yet.
     */
    @Test
    void nulAndInvalidUtf8InPathsAreBadRequestsBeforeRouting() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);
        for (String path : List.of(
                "/api/v1/users/%00",
                "/api/v1/users/a%FFb",
                "/api/v1/tenants/%00",
                "/api/v1/users/%00/sessions",
                "/api/v1/audit/users/%00/history",
                "/api/v1/sessions/%00",
                "/api/v1/users/a%0Db",
                "/api/v1/users/a%0Ab")) {
            assertProblem(api.get(path, platformAdmin), 400, "BAD_REQUEST");
        }
        assertProblem(
                api.method("PUT", "/api/v1/users/" + tenant.adminId() + "/roles/x%00", tenant.adminToken()),
                400,
                "BAD_REQUEST");
        assertProblem(
                api.post("/api/v1/admin/projections/%00/replay", platformAdmin, Map.of("confirm", true)),
                400,
                "BAD_REQUEST");
    }

    /**
     * Tomcat passes bytes 0x80 to 0xFF in a header value (obsolete text); the firewall refuses the control
     * characters among them in a header the application reads, as its default expression did before
     * {@code HeaderCharacters} replaced it, and lets the others through (to the token check, here).
     */
    @Test
    void controlCharactersInHeaderValuesAreBadRequests() throws IOException {
        for (String value : List.of("Bearer a\u0085b", "\u009F", "Bearer x\u0080")) {
            RawResponse response = raw("GET /api/v1/users/me HTTP/1.1\r\nAuthorization: " + value);
            assertThat(response.status()).as(value).isEqualTo(400);
            assertThat(response.contentType()).as(value).startsWith("application/problem+json");
        }
        assertThat(raw("GET /api/v1/users/me HTTP/1.1\r\nAuthorization: Bearer caf\u00e9\tau\u00a0lait")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void nulControlAndInvalidUtf8InQueryParametersAreNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);
        assertInvalid(
                api.get("/api/v1/audit/events?tenant=%00", platformAdmin),
                "tenant",
                "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/audit/events?actor=a%0Ab", platformAdmin),
                "actor",
                "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/audit/events?aggregateId=%FF", platformAdmin), "aggregateId", "is not valid UTF-8");
        assertInvalid(
                api.get("/api/v1/audit/events/export?tenant=%00", platformAdmin),
                "tenant",
                "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/users?cursor=%00", tenant.adminToken()),
                "cursor",
                "must not contain control characters");
        assertInvalid(
                api.get("/api/v1/users?limit=%E2%80%8F5", tenant.adminToken()),
                "limit",
                "must not contain bidirectional control characters");
        assertInvalid(
                api.get("/api/v1/audit/events?%00=x", platformAdmin), "query", "must not contain control characters");
    }

    @Test
    void cursorsThatHoldGarbageOrUnstorableInstantsAreNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        for (String plain : List.of(
                "2024-01-01T00:00:00Z|a\u0000b",
                "+999999999-12-31T23:59:59Z|x",
                "-999999999-01-01T00:00:00Z|x",
                "1969-12-31T23:59:59Z|x")) {
            String cursor =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertInvalid(
                    api.get("/api/v1/users?cursor=" + cursor, tenant.adminToken()),
                    "cursor",
                    "is not a cursor this API returned");
        }
        String notUtf8 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xFF, '|', 'x'});
        assertInvalid(
                api.get("/api/v1/users?cursor=" + notUtf8, tenant.adminToken()),
                "cursor",
                "is not a cursor this API returned");
    }

    @Test
    void instantsOutsideTheStorableRangeAreNamed() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);
        String range = "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";
        assertInvalid(api.get("/api/v1/audit/events?from=%2B999999999-12-31T23:59:59Z", platformAdmin), "from", range);
        assertInvalid(api.get("/api/v1/audit/events?to=-999999999-01-01T00:00:00Z", platformAdmin), "to", range);
        assertInvalid(
                api.get("/api/v1/audit/events/export?from=%2B10000-01-01T00:00:00Z", platformAdmin), "from", range);
        assertInvalid(
                api.get(
                        "/api/v1/audit/users/" + tenant.adminId() + "/state?at=%2B999999999-12-31T23:59:59Z",
                        platformAdmin),
                "at",
                range);
        assertThat(api.get(
                                "/api/v1/audit/events?from=1970-01-01T00:00:00Z&to=9999-12-31T00:00:00Z&limit=1",
                                platformAdmin)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wildcardOrUnparsableContentTypesAreUnsupportedMediaTypes() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String login = "{\"tenant\": \"x\", \"email\": \"x@example.com\", \"password\": \"whatever it is\"}";
        for (String type :
                List.of("*/*", "application/*", "*/json", "nonsense", "application/json;charset=nope", "text/plain")) {
            assertProblem(
                    api.exchange(
                            "POST",
                            "/api/v1/auth/login",
                            null,
                            Map.of("Content-Type", type),
                            BodyPublishers.ofString(login)),
                    415,
                    "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(
                    api.exchange(
                            "POST",
                            "/api/v1/users",
                            tenant.adminToken(),
                            Map.of("Content-Type", type),
                            BodyPublishers.ofString("{}")),
                    415,
                    "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    @Test
    void numbersAreNotCoercedAndUnknownPropertiesAreRefused() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String platformAdmin = platform.platformAdminToken(api);
        assertInvalid(
                api.post("/api/v1/admin/stream/rewind", platformAdmin, Map.of("fromPosition", 1.5, "confirm", true)),
                "fromPosition",
                "has the wrong type");
        assertInvalid(
                api.post("/api/v1/admin/stream/rewind", platformAdmin, Map.of("fromPosition", "1", "confirm", true)),
                "fromPosition",
                "has the wrong type");
        assertInvalid(
                api.post("/api/v1/admin/stream/rewind", platformAdmin, Map.of("fromPosition", 1, "confirm", "true")),
                "confirm",
                "has the wrong type");
        assertInvalid(
                api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant.slug(), "email", 5, "password", "whatever it is")),
                "email",
                "has the wrong type");
        assertInvalid(
                api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of(
                                "tenant",
                                tenant.slug(),
                                "email",
                                "x@example.com",
                                "password",
                                "whatever it is",
                                "admin",
                                true)),
                "admin",
                "is not a known field");
        assertInvalid(
                api.post(
                        "/api/v1/tenants",
                        platformAdmin,
                        Map.of(
                                "slug",
                                "flag-as-text",
                                "name",
                                "N",
                                "selfRegistration",
                                "yes",
                                "admin",
                                Map.of(
                                        "email",
                                        "a@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "A"))),
                "selfRegistration",
                "has the wrong type");
        assertInvalid(
                api.post(
                        "/api/v1/tenants",
                        platformAdmin,
                        Map.of(
                                "slug",
                                "flag-as-number",
                                "name",
                                "N",
                                "selfRegistration",
                                1,
                                "admin",
                                Map.of(
                                        "email",
                                        "a@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "A"))),
                "selfRegistration",
                "has the wrong type");
    }

    @Test
    void destructiveOperatorRequestsNeedAnExplicitConfirmation() {
        Api api = api();
        String platformAdmin = platform.platformAdminToken(api);
        assertInvalid(
                api.post("/api/v1/admin/stream/rewind", platformAdmin, Map.of("fromPosition", 1)),
                "confirm",
                "must be true: every event from fromPosition on is published to Kafka again");
        assertInvalid(
                api.post("/api/v1/admin/stream/rewind", platformAdmin, Map.of("fromPosition", 1, "confirm", false)),
                "confirm",
                "must be true: every event from fromPosition on is published to Kafka again");
        assertInvalid(
                api.postRaw("/api/v1/admin/stream/rewind", platformAdmin, "{\"fromPosition\": 1, \"confirm\": null}"),
                "confirm",
                "must be true: every event from fromPosition on is published to Kafka again");
        String rebuild = "must be true: the projection is rebuilt from the first event";
        assertInvalid(api.post("/api/v1/admin/projections/users/replay", platformAdmin, null), "confirm", rebuild);
        assertInvalid(api.post("/api/v1/admin/projections/replay", platformAdmin, null), "confirm", rebuild);
        assertInvalid(
                api.post("/api/v1/admin/projections/replay", platformAdmin, Map.of("projections", List.of("users"))),
                "confirm",
                rebuild);
    }

    /**
     * The parser itself refuses what no request needs: a string of kilobytes is refused as it is read, and the
     * application's mapper stops at a nesting no request has (the request types fail on the first wrong token,
     * so depth shows only where a body is read generically).
     */
    @Test
    void overlongStringsAndDeepNestingAreRefusedByTheParser() {
        String overlong = "{\"tenant\":\"" + "a".repeat(10_000) + "\",\"email\":\"a@b.c\",\"password\":\"x\"}";
        Api.Response longString =
                api().exchange("POST", "/api/v1/auth/login", null, JSON_TYPE, BodyPublishers.ofString(overlong));
        assertProblem(longString, 400, "MALFORMED_REQUEST");
        assertThat(longString.text("detail")).contains("longer");

        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> objectMapper.readTree(deep))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void bodiesAboveTheLimitArePayloadTooLarge() {
        Api api = api();
        byte[] tenMegabytes = bigJson(10 * 1024 * 1024);
        assertProblem(
                api.exchange("POST", "/api/v1/auth/login", null, JSON_TYPE, BodyPublishers.ofByteArray(tenMegabytes)),
                413,
                "PAYLOAD_TOO_LARGE");
        byte[] justAbove = bigJson(64 * 1024 + 1);
        assertProblem(
                api.exchange("POST", "/api/v1/auth/login", null, JSON_TYPE, BodyPublishers.ofByteArray(justAbove)),
                413,
                "PAYLOAD_TOO_LARGE");
        // no Content-Length: chunked, counted while it is read
        assertProblem(
                api.exchange(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        JSON_TYPE,
                        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigJson(200 * 1024)))),
                413,
                "PAYLOAD_TOO_LARGE");
        assertProblem(
                api.exchange(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        JSON_TYPE,
                        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigJson(1000)))),
                401,
                "INVALID_CREDENTIALS");
    }

    @Test
    void tomcatsOwnRejectionsAreProblemsToo() throws IOException {
        for (String requestLine : List.of(
                "GET /api/v1/users/%zz HTTP/1.1",
                "GET /api/v1/audit/events?tenant=% HTTP/1.1",
                "GET /api/v1/users/%00 HTTP/1.1",
                "GET /api/v1/users/a%FFb HTTP/1.1",
                "GET /api/v1/users/%00%zz HTTP/1.1",
                "TRACE /api/v1/users HTTP/1.1",
                "TRACE / HTTP/1.1",
                "GET /api/v1/users/a{b} HTTP/1.1",
                "GET /api/v1/users/a\"b HTTP/1.1",
                "GET /a/../../b HTTP/1.1")) {
            RawResponse response = raw(requestLine);
            assertThat(response.status()).as(requestLine + " -> " + response).isBetween(400, 499);
            assertThat(response.contentType())
                    .as(requestLine + " -> " + response)
                    .isEqualTo("application/problem+json");
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("type").asText()).startsWith("urn:identity:problem:");
            assertThat(body.path("code").asText()).isNotBlank();
            assertThat(body.path("status").asInt()).isEqualTo(response.status());
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("Tomcat");
        }
    }

    /** Padded with whitespace, which the parser skips: only the body limit stops it. */
    private static byte[] bigJson(int size) {
        String head = "{\"tenant\": \"t\", \"email\": \"x@example.com\", \"password\": \"not the password\"";
        String tail = "}";
        return (head + " ".repeat(Math.max(0, size - head.length() - tail.length())) + tail)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertInvalid(Api.Response response, String field, String message) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(response.body().path("errors")).as("%s", response).hasSize(1);
        assertThat(response.body().path("errors").get(0).path("field").asText())
                .as("%s", response)
                .isEqualTo(field);
        assertThat(response.body().path("errors").get(0).path("message").asText())
                .as("%s", response)
                .isEqualTo(message);
    }

    private long registrationsIn(TestTenant tenant) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type = 'dev.identity.events.user.UserRegistered'
                          AND position(:tenant in convert_from(payload, 'UTF8')) > 0""").param("tenant", tenant.id()).query(Long.class).single();
    }

    private record RawResponse(int status, String contentType, String body) {}

    /** Bytes on a socket: java.net.http refuses to send what Tomcat must refuse. */
    private RawResponse raw(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            String[] headers = text.substring(0, headerEnd).split("\r\n");
            int status = Integer.parseInt(headers[0].split(" ")[1]);
            String contentType = null;
            boolean chunked = false;
            for (String header : headers) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = text.substring(headerEnd + 4);
            return new RawResponse(status, contentType, chunked ? dechunk(body) : body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
