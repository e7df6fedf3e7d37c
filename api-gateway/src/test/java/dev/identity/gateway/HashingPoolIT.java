package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of logins larger than the hashing pool and its queue: the overflow is refused at once with 503
 * and Retry-After, instead of queueing request threads behind the hashing; and registrations cannot take the share
 * kept for logins. Its own context: one hashing thread, a queue of one (one slot kept for logins), and a
 * production-strength Argon2id (19 MiB) with three times its passes, so the pool is really busy.
 */
// its own context: closed after the class, so its processors do not compete with the shared context's later
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(
        properties = {
            "identity.stream.publish=false",
            "identity.login.hashing-threads=1",
            "identity.login.hashing-queue=1",
            "identity.password.argon2.memory-kib=19456",
            "identity.password.argon2.iterations=6",
            "identity.login.registrations-per-tenant=100000"
        })
class HashingPoolIT extends IntegrationTest {

    @Test
    void burstBeyondThePoolIsAnsweredWith503AndRetryAfter() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        int burst = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        List<Future<Api.Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                // each from a client of its own: one client's unsettled logins of one account are capped by the
                // throttle
                String client = "198.51.100." + (i + 1);
                results.add(clients.submit(() -> {
                    start.await();
                    return api.postWithHeaders(
                            "/api/v1/auth/login",
                            Map.of("X-Forwarded-For", client),
                            Map.of(
                                    "tenant",
                                    tenant.slug(),
                                    "email",
                                    "admin@" + tenant.slug() + ".test",
                                    "password",
                                    PlatformFixture.PASSWORD));
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> result : results) {
                responses.add(result.get());
            }
            List<Api.Response> refused =
                    responses.stream().filter(r -> r.status() == 503).toList();
            List<Api.Response> served =
                    responses.stream().filter(r -> r.status() == 200).toList();
            System.out.printf(
                    "[hashing-pool] burst of %d logins, pool 1 + queue 1: %d served, %d refused with 503%n",
                    burst, served.size(), refused.size());
            assertThat(served.size() + refused.size()).isEqualTo(burst);
            assertThat(served).isNotEmpty();
            assertThat(refused).isNotEmpty().allSatisfy(response -> {
                assertThat(response.header("Retry-After")).isEqualTo("1");
                assertThat(response.text("code")).isEqualTo("OVERLOADED");
                assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            });
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void registrationsWithoutPauseDoNotTurnLoginsAway() throws Exception {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, true);
        int registrars = 6;
        AtomicBoolean loggingIn = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        Map<Integer, AtomicInteger> registrations = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(registrars);
        List<Future<?>> running = new ArrayList<>();
        List<Integer> logins = new ArrayList<>();
        try {
            for (int i = 0; i < registrars; i++) {
                running.add(clients.submit(() -> {
                    while (loggingIn.get()) {
                        int n = sequence.incrementAndGet();
                        Api.Response registered = api.post(
                                "/api/v1/auth/register",
                                null,
                                Map.of(
                                        "tenant",
                                        tenant.slug(),
                                        "email",
                                        "flood" + n + "@example.com",
                                        "password",
                                        PlatformFixture.PASSWORD,
                                        "displayName",
                                        "Flood " + n));
                        registrations
                                .computeIfAbsent(registered.status(), status -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            Thread.sleep(300);
            for (int i = 0; i < 8; i++) {
                logins.add(api.post(
                                "/api/v1/auth/login",
                                null,
                                Map.of(
                                        "tenant",
                                        tenant.slug(),
                                        "email",
                                        "admin@" + tenant.slug() + ".test",
                                        "password",
                                        PlatformFixture.PASSWORD))
                        .status());
            }
        } finally {
            loggingIn.set(false);
            for (Future<?> registrar : running) {
                registrar.get(30, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }
        System.out.printf(
                "[hashing-pool] registrations without pause by %d clients: %s; logins meanwhile: %s%n",
                registrars, new TreeMap<>(registrations), logins);
        assertThat(registrations.getOrDefault(503, new AtomicInteger()).get())
                .as("the pool was full")
                .isPositive();
        assertThat(logins).containsOnly(200);
    }
}
