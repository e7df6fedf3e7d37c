package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A write waits for its read model by sleeping until the projection's notification, not by polling. */
class ReadYourWritesIT extends IntegrationTest {

    private static final List<String> CAUSES =
            List.of("none", "notification", "fallback", "polling", "timeout", "parked");

    @Autowired
    private MeterRegistry meters;

    @Test
    void writesAreWokenByTheirProjectionsNotification() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        String userId = platform.createUser(api, tenant, "woken@example.com");
        Map<String, Long> before = waits();

        for (int i = 0; i < 20; i++) {
            boolean assign = i % 2 == 0;
            Api.Response written = api.method(
                    assign ? "PUT" : "DELETE", "/api/v1/users/" + userId + "/roles/auditor", tenant.adminToken());
            assertThat(written.status()).isEqualTo(200);
            assertThat(written.body().path("roles").toString().contains("auditor"))
                    .as("write %d shows", i)
                    .isEqualTo(assign);
        }

        Map<String, Long> woken = new LinkedHashMap<>();
        waits().forEach((cause, count) -> woken.put(cause, count - before.get(cause)));
        System.out.printf("[read-your-writes] 20 role writes, waits ended by: %s%n", woken);
        assertThat(woken.values().stream().mapToLong(Long::longValue).sum())
                .as("waits counted")
                .isEqualTo(20);
        assertThat(woken.get("notification")).as("woken by a notification").isPositive();
        assertThat(woken.get("fallback") + woken.get("polling") + woken.get("timeout"))
                .as("woken by a timer, or not at all")
                .isZero();
    }

    private Map<String, Long> waits() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String cause : CAUSES) {
            counts.put(
                    cause,
                    meters.get("identity.read.model.wait")
                            .tag("woken", cause)
                            .timer()
                            .count());
        }
        return counts;
    }
}
