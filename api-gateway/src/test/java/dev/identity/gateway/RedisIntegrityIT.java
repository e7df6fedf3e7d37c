package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.gateway.access.AccessCache;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Whoever can write to Redis cannot grant anyone a role: the access cache believes only entries it sealed. */
class RedisIntegrityIT extends IntegrationTest {

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private AccessCache accessCache;

    @Test
    void aForgedCacheEntryGrantsNothing() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String member = platform.userWithRole(api, tenant, "member");
        Api.Response me = api.get("/api/v1/users/me", member);
        String userId = me.text("id");
        assertProblem(api.get("/api/v1/admin/projections", member), 403, "FORBIDDEN");

        // as an instance that has not cached the member yet would meet it: straight from Redis
        accessCache.evict(userId, 0);
        String forged = me.raw()
                .replace("\"roles\":[\"member\"]", "\"roles\":[\"platform-admin\"]")
                .replaceAll("\"version\":\\d+", "\"version\":1000000");
        assertThat(forged).contains("platform-admin");
        redis.opsForValue().set("identity:access:user:" + userId, forged);

        assertProblem(api.get("/api/v1/admin/projections", member), 403, "FORBIDDEN");
        assertThat(api.get("/api/v1/users/me", member)
                        .body()
                        .path("roles")
                        .get(0)
                        .asText())
                .isEqualTo("member");
        String replaced = redis.opsForValue().get("identity:access:user:" + userId);
        assertThat(replaced).as("the forgery is overwritten by a sealed entry").doesNotContain("platform-admin");
    }
}
