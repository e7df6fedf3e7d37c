package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Bulk import as a migration uses it: a thousand users exported with bcrypt, Argon2 and PBKDF2 hashes, two bad
 * lines among them, run twice.
 */
class UserImportIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BCRYPT_PASSWORD = "exported from auth0";
    private static final String PBKDF2_PASSWORD = "exported from keycloak";
    private static final String ARGON2ID =
            "$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$" + "3ZQ3bG1Ix1bFa2LKa6UvzOuDGfIWc8VTNqm7R0Ao3oc";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private MeterRegistry meters;

    @Test
    void importsMixedFormatsSkipsBadLinesAndAddsNothingTwiceOnRerun() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String bcrypt = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 4).encode(BCRYPT_PASSWORD);
        byte[] salt = "keycloak-salt-16".getBytes();
        String pbkdf2 = Base64.getEncoder().encodeToString(pbkdf2(PBKDF2_PASSWORD, salt, 27500));
        StringBuilder body = new StringBuilder();
        for (int line = 1; line <= 1000; line++) {
            if (line == 100) {
                body.append("{\"email\": \"broken@example.com\",\n");
                continue;
            }
            if (line == 500) {
                body.append(JSON.writeValueAsString(Map.of(
                                "email",
                                "md5@example.com",
                                "displayName",
                                "Md5",
                                "password",
                                Map.of("algorithm", "md5", "hash", "5f4dcc3b5aa765d61d8327deb882cf99"))))
                        .append('\n');
                continue;
            }
            Object password = switch (line % 4) {
                case 0 -> Map.of("algorithm", "bcrypt", "hash", bcrypt);
                case 1 ->
                    Map.of(
                            "algorithm",
                            "pbkdf2-sha256",
                            "iterations",
                            27500,
                            "salt",
                            Base64.getEncoder().encodeToString(salt),
                            "hash",
                            pbkdf2);
                case 2 -> Map.of("algorithm", "argon2id", "hash", ARGON2ID);
                default ->
                    Map.of(
                            "algorithm",
                            "argon2",
                            "type",
                            "id",
                            "version",
                            "1.3",
                            "memory",
                            7168,
                            "iterations",
                            5,
                            "parallelism",
                            1,
                            "salt",
                            "c29tZXNhbHRzb21lc2FsdA==",
                            "hash",
                            "3ZQ3bG1Ix1bFa2LKa6UvzOuDGfIWc8VTNqm7R0Ao3oc=");
            };
            body.append(JSON.writeValueAsString(Map.of(
                            "email",
                            "user" + line + "@Example.com",
                            "displayName",
                            "User " + line,
                            "password",
                            password)))
                    .append('\n');
        }

        Instant started = Instant.now();
        List<JsonNode> report = importUsers(api, tenant.id(), tenant.adminToken(), body.toString());
        Duration took = Duration.between(started, Instant.now());
        long userCount = awaitUserCount(api, tenant, count -> count == 999);
        Duration caughtUp = Duration.between(started, Instant.now());
        System.out.printf(
                "IT timing (not a benchmark): 998 users imported in %d ms (%.0f users/s); "
                        + "read model counted them after %d ms (%.0f users/s)%n",
                took.toMillis(),
                998_000.0 / Math.max(1, took.toMillis()),
                caughtUp.toMillis(),
                998_000.0 / Math.max(1, caughtUp.toMillis()));

        Map<Long, String> rejected = new HashMap<>();
        report.stream()
                .filter(line -> line.path("type").asText().equals("rejected"))
                .forEach(line -> rejected.put(
                        line.path("line").asLong(), line.path("code").asText()));
        assertThat(rejected).isEqualTo(Map.of(100L, "MALFORMED_LINE", 500L, "UNSUPPORTED_HASH_ALGORITHM"));
        assertThat(report.stream()
                        .filter(line -> line.path("type").asText().equals("progress"))
                        .count())
                .as("a progress line per stored batch")
                .isEqualTo(2);
        JsonNode summary = report.get(report.size() - 1);
        assertThat(summary.path("type").asText()).isEqualTo("summary");
        assertThat(summary.path("imported").asLong()).isEqualTo(998);
        assertThat(summary.path("existing").asLong()).isZero();
        assertThat(summary.path("rejected").asLong()).isEqualTo(2);
        assertThat(summary.path("lines").asLong()).isEqualTo(1000);
        assertThat(userCount).isEqualTo(999);

        assertThat(storedHash(tenant.id(), "user4@example.com")).isEqualTo("{bcrypt}" + bcrypt);
        assertThat(storedHash(tenant.id(), "user2@example.com")).isEqualTo("{argon2}" + ARGON2ID);
        assertThat(storedHash(tenant.id(), "user3@example.com")).isEqualTo("{argon2}" + ARGON2ID);
        assertThat(storedHash(tenant.id(), "user1@example.com"))
                .isEqualTo("{pbkdf2-sha256}27500$" + Base64.getEncoder().encodeToString(salt) + "$" + pbkdf2);
        assertThat(platform.login(api, tenant.slug(), "user4@example.com", BCRYPT_PASSWORD))
                .isNotBlank();
        assertThat(platform.login(api, tenant.slug(), "user1@example.com", PBKDF2_PASSWORD))
                .isNotBlank();
        assertThat(api.post(
                                "/api/v1/auth/login",
                                null,
                                Map.of(
                                        "tenant",
                                        tenant.slug(),
                                        "email",
                                        "user4@example.com",
                                        "password",
                                        PBKDF2_PASSWORD))
                        .status())
                .isEqualTo(401);
        Api.Response imported = api.get("/api/v1/users?limit=100", tenant.adminToken());
        assertThat(imported.body().path("total").asLong()).isEqualTo(999);

        List<JsonNode> rerun = importUsers(api, tenant.id(), tenant.adminToken(), body.toString());
        JsonNode again = rerun.get(rerun.size() - 1);
        assertThat(again.path("imported").asLong()).isZero();
        assertThat(again.path("existing").asLong()).isEqualTo(998);
        assertThat(again.path("rejected").asLong()).isEqualTo(2);
        assertThat(rerun.stream()
                        .filter(line -> line.path("type").asText().equals("existing"))
                        .map(line -> line.path("code").asText()))
                .hasSize(998)
                .containsOnly("EMAIL_TAKEN");
        assertThat(registrations(tenant.id()))
                .as("one UserRegistered per user, none twice")
                .isEqualTo(999);
        assertThat(awaitUserCount(api, tenant, count -> count == 999)).isEqualTo(999);
    }

    @Test
    void aLineRepeatingAnEarlierEmailOrGrantingTooMuchIsSkipped() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String manager = platform.userWithRole(api, tenant, "user-manager");
        String bcrypt = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);
        String body = line("same@example.com", List.of(), bcrypt) + line("SAME@example.com", List.of(), bcrypt)
                + line("admin@example.com", List.of("tenant-admin"), bcrypt)
                + line("nope@example.com", List.of("no-such-role"), bcrypt)
                + "{\"email\":\"bad\",\"displayName\":\"Bad\",\"password\":{\"algorithm\":\"bcrypt\",\"hash\":\"x\"}}\n"
                + "{\"email\":\"weak@example.com\",\"displayName\":\"W\",\"password\":{\"algorithm\":\"bcrypt\",\"hash\":\"$2a$10$short\"}}\n";

        List<JsonNode> report = importUsers(api, tenant.id(), manager, body);

        List<String> events = new ArrayList<>();
        report.forEach(line -> events.add(line.path("type").asText() + " "
                + line.path("line").asLong() + " " + line.path("code").asText("")));
        assertThat(events)
                .containsExactly(
                        "rejected 3 ROLE_NOT_GRANTABLE",
                        "rejected 4 ROLE_NOT_GRANTABLE",
                        "rejected 5 INVALID_EMAIL",
                        "rejected 6 INVALID_PASSWORD_HASH",
                        "existing 2 EMAIL_TAKEN",
                        "progress 2 ",
                        "summary 0 ");
        assertThat(report.get(report.size() - 1).path("imported").asLong()).isEqualTo(1);
        assertThat(registrations(tenant.id())).isEqualTo(3);
    }

    /** Control characters, a NUL and bytes that are not UTF-8 are each one rejected line, never a 500. */
    @Test
    void hostileLinesAreRejectedOneByOneAndAWrongMediaTypeIsRefused() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String bcrypt = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);
        String password = ",\"password\":{\"algorithm\":\"bcrypt\",\"hash\":\"" + bcrypt + "\"}}\n";
        byte[] body = concat(
                ("{\"email\":\"bell@example.com\",\"displayName\":\"Bell\\u0007Name\"" + password)
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"email\":\"nul\\u0000@example.com\",\"displayName\":\"Nul\"" + password)
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'e', (byte) 0xff, (byte) 0xfe, '"', '}', '\n'},
                line("fine@example.com", List.of(), bcrypt).getBytes(StandardCharsets.UTF_8));

        Api.Response response = api.exchange(
                "POST",
                "/api/v1/admin/tenants/" + tenant.id() + "/users:import",
                tenant.adminToken(),
                Map.of("Content-Type", "application/x-ndjson"),
                HttpRequest.BodyPublishers.ofByteArray(body));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        List<String> events = new ArrayList<>();
        for (String line : response.raw().split("\n")) {
            JsonNode report = JSON.readTree(line);
            events.add(report.path("type").asText() + " " + report.path("line").asLong() + " "
                    + report.path("code").asText(""));
        }
        assertThat(events)
                .containsExactly(
                        "rejected 1 INVALID_DISPLAY_NAME",
                        "rejected 2 INVALID_EMAIL",
                        "rejected 3 MALFORMED_LINE",
                        "progress 4 ",
                        "summary 0 ");
        assertThat(registrations(tenant.id())).isEqualTo(2);

        assertProblem(
                api.exchange(
                        "POST",
                        "/api/v1/admin/tenants/" + tenant.id() + "/users:import",
                        tenant.adminToken(),
                        Map.of("Content-Type", "application/json"),
                        HttpRequest.BodyPublishers.ofString("[]")),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void onlyTheTenantsOwnAdminsOrAPlatformAdminMayImport() throws Exception {
        Api api = api();
        TestTenant mine = platform.createTenant(api, false);
        TestTenant theirs = platform.createTenant(api, false);
        String body = line("someone@example.com", List.of(), new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD));

        assertProblem(post(api, theirs.id(), mine.adminToken(), body), 404, "TENANT_NOT_FOUND");
        assertProblem(post(api, mine.id(), platform.userWithRole(api, mine, "member"), body), 403, "FORBIDDEN");
        assertProblem(post(api, mine.id(), platform.userWithRole(api, mine, "auditor"), body), 403, "FORBIDDEN");
        assertProblem(
                post(api, UUID.randomUUID().toString(), platform.platformAdminToken(api), body),
                404,
                "TENANT_NOT_FOUND");
        assertThat(registrations(theirs.id())).isEqualTo(1);

        List<JsonNode> byPlatformAdmin = importUsers(api, theirs.id(), platform.platformAdminToken(api), body);
        assertThat(byPlatformAdmin
                        .get(byPlatformAdmin.size() - 1)
                        .path("imported")
                        .asLong())
                .isEqualTo(1);
        assertThat(registrations(theirs.id())).isEqualTo(2);
        assertThat(registrations(mine.id())).isEqualTo(3);
    }

    /**
     * Every instance follows the stream to evict its caches; an imported user's only event is its first, which no
     * cache can hold an older view of. Before, each instance deleted three Redis keys for every imported user.
     */
    @Test
    void importedUsersCostTheCacheInvalidatorsNoRedisCalls() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String hash = new BCryptPasswordEncoder(4).encode(BCRYPT_PASSWORD);
        StringBuilder body = new StringBuilder();
        for (int n = 0; n < 50; n++) {
            body.append(line("cached" + n + "@example.com", List.of(), hash));
        }
        long consumed = invalidatorRecords();
        long deletes = redisDeletes();

        importUsers(api, tenant.id(), tenant.adminToken(), body.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> invalidatorRecords() >= consumed + 50);
        assertThat(redisDeletes() - deletes).isLessThan(10);
    }

    @Test
    void openApiDocumentsTheImport() {
        JsonNode operation = api().get("/v3/api-docs", null)
                .body()
                .path("paths")
                .path("/api/v1/admin/tenants/{id}/users:import")
                .path("post");
        assertThat(operation.path("requestBody").path("content").has("application/x-ndjson"))
                .isTrue();
        assertThat(operation.path("responses").path("200").path("content").has("application/x-ndjson"))
                .isTrue();
        assertThat(operation.path("description").asText()).contains("pbkdf2-sha256", "argon2id", "bcrypt");
    }

    private long invalidatorRecords() {
        return meters.find("spring.kafka.listener").timers().stream()
                .filter(timer -> String.valueOf(timer.getId().getTag("name")).startsWith("access-cache-invalidator"))
                .mapToLong(Timer::count)
                .sum();
    }

    /** Redis's own count of DEL commands, from every client. */
    private long redisDeletes() {
        Properties stats =
                redis.execute(connection -> connection.serverCommands().info("commandstats"), true);
        String del = stats.getProperty("cmdstat_del", "calls=0,");
        return Long.parseLong(del.substring(del.indexOf("calls=") + 6, del.indexOf(',')));
    }

    private static String line(String email, List<String> roles, String bcrypt) throws Exception {
        Map<String, Object> user = new HashMap<>(Map.of(
                "email",
                email,
                "displayName",
                "User " + email,
                "password",
                Map.of("algorithm", "bcrypt", "hash", bcrypt)));
        if (!roles.isEmpty()) {
            user.put("roles", roles);
        }
        return JSON.writeValueAsString(user) + "\n";
    }

    private static Api.Response post(Api api, String tenantId, String token, String body) {
        return api.exchange(
                "POST",
                "/api/v1/admin/tenants/" + tenantId + "/users:import",
                token,
                Map.of("Content-Type", "application/x-ndjson"),
                HttpRequest.BodyPublishers.ofString(body));
    }

    private static List<JsonNode> importUsers(Api api, String tenantId, String token, String body) throws Exception {
        Api.Response response = post(api, tenantId, token, body);
        assertThat(response.status()).as("import: %s", response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.raw().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.text("code")).isEqualTo(code);
    }

    private static long awaitUserCount(Api api, TestTenant tenant, Predicate<Long> expected) {
        return await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .alias("the user count of tenant " + tenant.id())
                .until(
                        () -> api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken())
                                .body()
                                .path("userCount")
                                .asLong(),
                        expected);
    }

    private String storedHash(String tenantId, String email) {
        return jdbc.sql("SELECT password_hash FROM account_directory WHERE tenant_id = ? AND email = ?")
                .params(tenantId, email)
                .query(String.class)
                .single();
    }

    private long registrations(String tenantId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type = 'dev.identity.events.user.UserRegistered'
                          AND position(convert_to('"tenantId":"' || ? || '"', 'UTF8') IN payload) > 0""").param(tenantId).query(Long.class).single();
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
    }
}
