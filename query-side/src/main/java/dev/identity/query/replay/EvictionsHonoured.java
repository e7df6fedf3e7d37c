package dev.identity.query.replay;

import dev.identity.query.deadletter.Evictions;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild skips, for a projection, an event an operator evicted from that projection's live processor, so
 * that the rebuilt tables equal the ones they replace. Any other failure goes on to the rebuild's dead-letter
 * queue. Decided per projection: a rebuild feeds several projections through one processor, and an event
 * evicted from one of them must still reach the others.
 */
final class EvictionsHonoured implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(EvictionsHonoured.class);

    private final Evictions evictions;
    private final Map<Class<?>, String> processingGroups;

    /** @param processingGroups each rebuilt projection's live processing group, by the type of its handler bean */
    EvictionsHonoured(Evictions evictions, Map<Class<?>, String> processingGroups) {
        this.evictions = evictions;
        this.processingGroups = processingGroups;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        String group = handler instanceof AnnotationEventHandlerAdapter adapter
                ? processingGroups.get(adapter.getTargetType())
                : null;
        if (group != null && evictions.evicted(group, event.getIdentifier())) {
            log.info(
                    "Rebuild skips event {} for projection {}: an operator evicted it from that projection",
                    event.getIdentifier(),
                    group);
            return;
        }
        throw exception;
    }
}
