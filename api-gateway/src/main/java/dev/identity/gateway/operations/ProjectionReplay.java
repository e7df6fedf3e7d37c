package dev.identity.gateway.operations;

import dev.identity.query.replay.ProjectionRebuilds;
import dev.identity.query.replay.Rebuild;
import dev.identity.query.replay.RebuildableProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Starts a projection rebuild from this instance. Its own processor stops first, so that it lets go of
 * its segments cleanly rather than finding its claims gone; other instances find out at their next claim
 * check and pick the segments up again (within the processors' token claim interval).
 */
@Component
class ProjectionReplay {

    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilds rebuilds;

    ProjectionReplay(EventProcessingConfiguration processing, ProjectionRebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
    }

    /** @throws ProjectionRebuilds.Refused when it cannot start now */
    Rebuild start(RebuildableProjection projection) {
        StreamingEventProcessor processor = processing
                .eventProcessor(projection.processingGroup(), StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            return rebuilds.start(projection);
        }
        processor.shutDown();
        try {
            return rebuilds.start(projection);
        } finally {
            processor.start();
        }
    }
}
