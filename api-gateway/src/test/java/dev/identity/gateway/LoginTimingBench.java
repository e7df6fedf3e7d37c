package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whether a wrong password's latency tells which accounts exist: the median of wrong-password logins for
 * existing accounts against that for unknown emails, over {@value #TRIES} tries each, alternated in random
 * order so that both see the same load. Not part of the suite (timings on a shared machine are noisy):
 * {@code bench/login-timing.sh} runs it. Every try comes from a client of its own, so that the throttle's
 * per-client back-off never answers instead of the password check.
 */
class LoginTimingBench extends IntegrationTest {

    private static final int TRIES = 200;
    private static final int WARM_UP = 40;
    private static final int ACCOUNTS = 20;

    @Test
    void wrongPasswordsForKnownAndUnknownEmailsTakeTheSameTime() {
        Api api = api();
        TestTenant tenant = platform.createTenant(api, false);
        List<String> known = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            platform.createUser(api, tenant, "known" + i + "@example.com");
            known.add("known" + i + "@example.com");
        }
        Random random = new Random(12);
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 0; i < WARM_UP + TRIES; i++) {
            String existing = known.get(i % ACCOUNTS);
            String unknown = "unknown" + i + "@example.com";
            boolean knownFirst = random.nextBoolean();
            long first = timedWrongLogin(api, tenant, knownFirst ? existing : unknown, 2 * i);
            long second = timedWrongLogin(api, tenant, knownFirst ? unknown : existing, 2 * i + 1);
            if (i >= WARM_UP) {
                knownNanos.add(knownFirst ? first : second);
                unknownNanos.add(knownFirst ? second : first);
            }
        }
        double knownMedian = median(knownNanos) / 1e6;
        double unknownMedian = median(unknownNanos) / 1e6;
        double ratio = knownMedian / unknownMedian;
        System.out.printf(
                "[login-timing] wrong password, %d tries each: known emails median %.2f ms, unknown "
                        + "emails median %.2f ms, ratio %.3f%n",
                TRIES, knownMedian, unknownMedian, ratio);
        assertThat(ratio).as("known / unknown median").isBetween(0.9, 1.1);
    }

    private static long timedWrongLogin(Api api, TestTenant tenant, String email, int client) {
        String address = "198.18." + (client / 250) + "." + (client % 250 + 1);
        long start = System.nanoTime();
        Api.Response response = api.postWithHeaders(
                "/api/v1/auth/login",
                Map.of("X-Forwarded-For", address),
                Map.of("tenant", tenant.slug(), "email", email, "password", "not the password"));
        long took = System.nanoTime() - start;
        assertThat(response.status()).as("%s: %s", email, response).isEqualTo(401);
        return took;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
