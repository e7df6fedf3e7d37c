package dev.identity.gateway.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every instance follows the event stream with a consumer group of its own (so each sees every event)
 * and evicts what the event changes. A record that is not an event envelope goes to the dead-letter
 * topic (the stream package's consumer error handling); the consumer carries on.
 */
@Component
class AccessCacheInvalidator {

    private final AccessCache accessCache;
    private final ObjectMapper json = new ObjectMapper();

    AccessCacheInvalidator(AccessCache accessCache) {
        this.accessCache = accessCache;
    }

    @KafkaListener(
            id = "access-cache-invalidator",
            topics = "${identity.stream.topic}",
            groupId = "identity-access-cache-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(String record) throws IOException {
        JsonNode envelope = json.readTree(record);
        JsonNode aggregateId = envelope.get("aggregateId");
        JsonNode sequence = envelope.get("aggregateSequence");
        if (aggregateId == null || !aggregateId.isTextual() || sequence == null || !sequence.canConvertToLong()) {
            throw new IllegalArgumentException("Not an event envelope: no aggregateId or aggregateSequence");
        }
        if (sequence.asLong() == 0) {
            // an aggregate's first event: every view of it that a cache can hold already shows that event, so
            // there is nothing to evict, and an import of many users spares every instance a Redis call per user
            return;
        }
        accessCache.evict(aggregateId.asText(), sequence.asLong());
    }
}
