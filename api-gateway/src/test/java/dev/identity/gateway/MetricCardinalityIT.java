package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unauthenticated requests cannot grow the metric registry: tags come from closed sets. */
class MetricCardinalityIT extends IntegrationTest {

    @Test
    void madeUpMethodsAreCountedAsOtherNotAsNewSeries() {
        Api api = api();
        for (int i = 0; i < 30; i++) {
            api.exchange("MADEUP" + i, "/api/v1/users/" + i, null, Map.of(), BodyPublishers.noBody());
        }
        String metrics = api.get("/actuator/prometheus", null).raw();
        assertThat(metrics).doesNotContain("MADEUP");
        assertThat(metrics).contains("identity_sql_statements_per_request_count{method=\"OTHER\"");
    }
}
