package dev.identity.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.IdentityApplication;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.LocalServices;
import dev.identity.support.TestDatabase;
import dev.identity.support.TestKafka;
import dev.identity.support.TestSigningKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code prod} profile as an operator runs it: a Redis that requires a password (a redis-server of the
 * test's own), a PostgreSQL role that is not a superuser, the signing key and admin password set.
 */
class ProductionProfileIT extends IntegrationTest {

    private static final String ROLE = "identity_prod_check";
    private static final String ROLE_PASSWORD = "prod-check-" + UUID.randomUUID();
    private static final String REDIS_PASSWORD = "redis-" + UUID.randomUUID();

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    /** The public port serves the API and the probes; metrics and API documents only the management port. */
    @Test
    void operatorsEndpointsAreOnTheManagementPortOnly() throws Exception {
        int port = freePort();
        int managementPort = freePort();
        int redisPort = freePort();
        jdbc.sql("DROP ROLE IF EXISTS " + ROLE).update();
        jdbc.sql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "' IN ROLE postgres")
                .update();
        Path redisDir = Files.createTempDirectory("prod-redis");
        Process redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        String.valueOf(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--requirepass",
                        REDIS_PASSWORD,
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        redisDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(redisDir.resolve("redis.log").toFile())
                .start();
        ConfigurableApplicationContext prod = null;
        try {
            awaitListening(redisPort);
            prod = new SpringApplicationBuilder(IdentityApplication.class)
                    .profiles("prod")
                    .run(
                            "--server.port=" + port,
                            "--management.server.port=" + managementPort,
                            "--spring.datasource.url=" + TestDatabase.url(),
                            "--spring.datasource.username=" + ROLE,
                            "--spring.datasource.password=" + ROLE_PASSWORD,
                            "--spring.data.redis.host=127.0.0.1",
                            "--spring.data.redis.port=" + redisPort,
                            "--spring.data.redis.password=" + REDIS_PASSWORD,
                            "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                            "--identity.jwt.signing-key=" + TestSigningKey.pem(),
                            "--identity.bootstrap.admin-password=test-only-platform-admin-password",
                            "--identity.stream.publish=false");
            Api public_ = new Api("http://127.0.0.1:" + port);
            Api operators = new Api("http://127.0.0.1:" + managementPort);

            assertThat(public_.get("/livez", null).status()).isEqualTo(200);
            assertThat(public_.get("/readyz", null).status()).isEqualTo(200);
            for (String path : new String[] {
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/info",
                "/v3/api-docs",
                "/swagger-ui.html",
                "/swagger-ui/index.html"
            }) {
                assertThat(public_.get(path, null).status())
                        .as("public %s", path)
                        .isEqualTo(404);
            }
            assertThat(public_.post(
                                    "/api/v1/auth/login",
                                    null,
                                    Map.of(
                                            "tenant",
                                            "platform",
                                            "email",
                                            "admin@platform.local",
                                            "password",
                                            "test-only-platform-admin-password"))
                            .status())
                    .isEqualTo(200);

            assertThat(operators.get("/actuator/prometheus", null).status()).isEqualTo(200);
            assertThat(operators.get("/actuator/health", null).status()).isEqualTo(200);
            Api.Response openApi = operators.get("/actuator/openapi", null);
            assertThat(openApi.status()).isEqualTo(200);
            assertThat(openApi.raw()).contains("\"openapi\"");
        } finally {
            if (prod != null) {
                prod.close();
            }
            redis.destroy();
            redis.waitFor();
            jdbc.sql("DROP ROLE IF EXISTS " + ROLE).update();
        }
    }

    /** Each unsafe setting is named; the test's own database user (postgres, no password) is one of them. */
    @Test
    void unsafeSettingsAreRefusedByName() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "unsafe",
                        Map.of(
                                "spring.datasource.password", "",
                                "identity.password.bcrypt-strength", "4",
                                "identity.password.argon2.memory-kib", "1024",
                                "identity.password.argon2.iterations", "1",
                                "server.port", "8080",
                                "management.server.port", "8080")));

        ProductionChecks checks = ProductionChecks.of(environment, dataSource);

        assertThat(checks.refusals())
                .hasSize(5)
                .anySatisfy(refusal -> assertThat(refusal).startsWith("Redis has no password"))
                .anySatisfy(
                        refusal -> assertThat(refusal).startsWith("PostgreSQL is used as a superuser with no password"))
                .anySatisfy(refusal -> assertThat(refusal).startsWith("identity.password.bcrypt-strength is 4"))
                .anySatisfy(
                        refusal -> assertThat(refusal).startsWith("identity.password.argon2 is m = 1024 KiB, t = 1"))
                .anySatisfy(refusal -> assertThat(refusal).startsWith("management.server.port equals server.port"));
        assertThat(checks.warnings())
                .anySatisfy(warning -> assertThat(warning).contains("without TLS"))
                .anySatisfy(warning -> assertThat(warning).contains("PLAINTEXT"));
    }

    @Test
    void safeSettingsPass() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "safe",
                        Map.of(
                                "spring.data.redis.password", REDIS_PASSWORD,
                                "spring.datasource.password", "a real one",
                                "management.server.port", "9090")));
        assertThat(ProductionChecks.of(environment, dataSource).refusals()).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .alias("redis-server started on port " + port)
                .until(() -> LocalServices.reachable("127.0.0.1", port));
    }
}
