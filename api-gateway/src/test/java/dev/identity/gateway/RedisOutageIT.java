package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.gateway.access.AccessCache;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import dev.identity.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Redis stops answering (CLIENT PAUSE: the real server, unresponsive for a while): authenticated requests
 * fall back to PostgreSQL without an error, a metric counts it, and caching in Redis resumes by itself.
 */
// its own context: closed after the class, so its processors do not compete with the shared context's later
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"identity.stream.publish=false", "identity.redis.retry-after=1s"})
class RedisOutageIT extends IntegrationTest {

    @Autowired
    private AccessCache accessCache;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private MeterRegistry meters;

    @Test
    void requestsFallBackToPostgresAndCachingResumes() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "outage@example.com");
        String token = platform.login(api, tenant.slug(), "outage@example.com", PlatformFixture.PASSWORD);
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
        double failuresBefore = meters.counter("identity.access.redis.failures").count();

        RedisClient admin = RedisClient.create(RedisURI.create(TestRedis.host(), TestRedis.port()));
        try (var connection = admin.connect()) {
            connection.sync().clientPause(2000);
            accessCache.evict(userId, 0);
            Api.Response duringOutage = api.get("/api/v1/users/me", token);
            assertThat(duringOutage.status()).isEqualTo(200);
            assertThat(duringOutage.text("id")).isEqualTo(userId);
            assertThat(meters.counter("identity.access.redis.failures").count()).isGreaterThan(failuresBefore);
        } finally {
            admin.shutdown();
        }

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .alias("the user is cached in Redis again")
                .until(() -> {
                    accessCache.evict(userId, 0);
                    assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
                    return cachedInRedis(userId);
                });
    }

    private boolean cachedInRedis(String userId) {
        try {
            return Boolean.TRUE.equals(redis.hasKey("identity:access:user:" + userId));
        } catch (QueryTimeoutException stillPaused) {
            return false;
        }
    }
}
