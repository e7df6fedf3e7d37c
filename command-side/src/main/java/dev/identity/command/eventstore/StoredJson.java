package dev.identity.command.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON of what the store keeps (events, snapshots, tokens, dead letters): instants as ISO-8601 text, and
 * properties a newer writer added are skipped by an older reader. Apart from the web layer's mapper, whose
 * input rules ({@code spring.jackson.*}, checked strings, parser limits) are for requests and must not change
 * the stored format.
 */
final class StoredJson {

    private StoredJson() {}

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
