package dev.identity.gateway.operations;

import dev.identity.gateway.stream.KafkaEventPublisher;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the Kafka publisher back so that every event from a global position on is published again
 * (at least once, as always: consumers deduplicate on the event id). The publisher's one segment must be
 * claimable here: the instance that owns it (see the processor status) performs the rewind.
 */
@Component
class StreamRewind {

    private static final Logger log = LoggerFactory.getLogger(StreamRewind.class);

    private final EventProcessingConfiguration processing;

    StreamRewind(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * @return false when this instance does not run the publisher, or another instance holds it: ask that
     *         one instead
     */
    boolean rewindTo(long fromPosition) {
        StreamingEventProcessor publisher = processing
                .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElse(null);
        if (publisher == null) {
            return false;
        }
        publisher.shutDown();
        try {
            publisher.resetTokens(GapAwareTrackingToken.newInstance(fromPosition - 1, Set.of()));
            log.info("Kafka publisher rewound: events from global position {} are published again", fromPosition);
            return true;
        } catch (UnableToClaimTokenException e) {
            return false;
        } finally {
            publisher.start();
        }
    }
}
