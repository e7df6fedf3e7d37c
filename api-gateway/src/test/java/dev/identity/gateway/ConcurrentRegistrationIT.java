package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Email uniqueness is set-based, in the appending transaction: racing requests cannot both win. */
class ConcurrentRegistrationIT extends IntegrationTest {

    private static final int RACERS = 20;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void twentyParallelRegistrationsOfOneEmailYieldOneUser() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, true);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int i = 0; i < RACERS; i++) {
                String email = i % 2 == 0 ? "race@example.com" : " RACE@example.COM ";
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post(
                                    "/api/v1/auth/register",
                                    null,
                                    Map.of(
                                            "tenant",
                                            tenant.slug(),
                                            "email",
                                            email,
                                            "password",
                                            PlatformFixture.PASSWORD,
                                            "displayName",
                                            "Racer"))
                            .status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            Map<Integer, Long> byStatus =
                    statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
            System.out.printf("[concurrency] %d parallel registrations of one email: %s%n", RACERS, byStatus);
            assertThat(byStatus).containsOnly(Map.entry(201, 1L), Map.entry(409, (long) RACERS - 1));
        } finally {
            pool.shutdownNow();
        }

        long userRows = jdbc.sql("SELECT count(*) FROM users WHERE tenant_id = :tenant")
                .param("tenant", tenant.id())
                .query(Long.class)
                .single();
        long registeredEvents =
                jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type = 'dev.identity.events.user.UserRegistered'
                          AND convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = :tenant""").param("tenant", tenant.id()).query(Long.class).single();
        Api.Response tenantView = api.get("/api/v1/tenants/" + tenant.id(), tenant.adminToken());
        assertThat(userRows).isEqualTo(2);
        assertThat(registeredEvents).isEqualTo(2);
        assertThat(tenantView.body().path("userCount").asLong()).isEqualTo(userRows);
    }
}
