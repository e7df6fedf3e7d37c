package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** What operators and other services rely on: health, metrics, API docs and the JWKS. */
class OperationsIT extends IntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void noGeneratedPasswordUser() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }

    @Test
    void readinessIncludesTheDatabase() {
        Api.Response readiness = api().get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(readiness.body().path("components").has("db")).isTrue();
    }

    @Test
    void healthShowsTheDeadLettersComponent() {
        Api.Response health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()
                        .path("components")
                        .path("deadLetters")
                        .path("status")
                        .asText())
                .isIn("UP", "DEGRADED");
    }

    @Test
    void prometheusExposesCommandAndHttpMetrics() {
        Api api = api();
        platform.createTenant(api, false);
        api.get("/api/v1/users/me", null);
        Api.Response metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw())
                .containsPattern(
                        "identity_messages_seconds_count\\{[^}]*bus=\"command\",[^}]*outcome=\"success\",[^}]*type=\"CreateTenant\"")
                .containsPattern("identity_messages_seconds_count\\{[^}]*bus=\"query\"")
                .contains("http_server_requests_seconds");
    }

    @Test
    void prometheusExposesEveryProcessorsLagAndReplayState() {
        Api api = api();
        // the monitor samples every few seconds
        String metrics = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .alias("processor gauges within 30 s")
                .until(
                        () -> api.get("/actuator/prometheus", null).raw(),
                        raw -> raw.contains("identity_processor_lag{processor=\"users\"}"));
        for (String processor : List.of("users", "tenants", "sessions", "audit", "kafka-publisher")) {
            assertThat(metrics)
                    .containsPattern("identity_processor_lag\\{processor=\"" + processor + "\"} [0-9.E]+")
                    .containsPattern("identity_processor_replaying\\{processor=\"" + processor + "\"} [01]\\.0")
                    .containsPattern("identity_processor_replay_progress\\{processor=\"" + processor + "\"} [0-9.E]+");
        }
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        Api.Response docs = api().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/users")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(docs.body().path("components").path("securitySchemes").has("bearer"))
                .isTrue();
    }

    @Test
    void jwksPublishesTheKeyThatVerifiesIssuedTokens() {
        Api api = api();
        String token = platform.platformAdminToken(api);
        Api.Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> key =
                new ObjectMapper().convertValue(jwks.body().path("keys").get(0), Map.class);
        assertThat(key).containsEntry("kty", "RSA").doesNotContainKeys("d", "p", "q");
        PublicJwk<?> jwk = (PublicJwk<?>) Jwks.builder().add(key).build();
        String subject = Jwts.parser()
                .verifyWith((PublicKey) jwk.toKey())
                .build()
                .parseSignedClaims(token)
                .getPayload()
                .getSubject();
        assertThat(subject).isNotBlank();
        assertThat(Jwts.parser()
                        .verifyWith((PublicKey) jwk.toKey())
                        .build()
                        .parseSignedClaims(token)
                        .getHeader()
                        .getKeyId())
                .isEqualTo(jwk.getId());
    }
}
