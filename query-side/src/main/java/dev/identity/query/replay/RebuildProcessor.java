package dev.identity.query.replay;

import dev.identity.query.deadletter.DeadLetterPolicy;
import dev.identity.query.deadletter.PoisonIsolation;
import dev.identity.query.system.TenantSequencingPolicy;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The processor a rebuild replays with: the projections' own handler beans, invoked for every event from
 * the first on, while the live processors keep invoking the same beans for the served tables. Every
 * projection rebuilt together is fed by the same processor, so the store is read once per segment rather
 * than once per projection and segment. Its tokens are in the token store under its own name, where the
 * switch compares them with the live ones.
 *
 * <p>A tracking processor, not a pooled one, although each of its segments reads the whole store: a pooled
 * processor queues every event for every segment, at most 1,024 at a time, and waits 100 ms whenever one
 * segment's queue is full. Replaying 200,000 events, that kept both cores about a third idle and took
 * 18.0 s; two tracking segments took 15.7 s.
 */
final class RebuildProcessor {

    private final TrackingEventProcessor processor;
    private final DeadLetteringEventHandlerInvoker invoker;

    private RebuildProcessor(TrackingEventProcessor processor, DeadLetteringEventHandlerInvoker invoker) {
        this.processor = processor;
        this.invoker = invoker;
    }

    /** Retries the rebuild's parked sequences, as an operator asks ({@code POST /admin/dead-letters/.../retry}). */
    SequencedDeadLetterProcessor<EventMessage<?>> deadLetters() {
        return invoker;
    }

    /**
     * @param deadLetters the rebuild's own dead-letter queue: an event it cannot apply parks its tenant's
     *                    sequence there, while the other tenants' events go on
     * @param isolation   finds the event a failed batch failed on, as for the live processors
     */
    static RebuildProcessor start(
            String name,
            List<Object> handlerBeans,
            List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors,
            Configuration axon,
            TokenStore tokenStore,
            TransactionManager transactionManager,
            ReplayProperties properties,
            SequencedDeadLetterQueue<EventMessage<?>> deadLetters,
            PoisonIsolation isolation,
            EvictionsHonoured evictions) {
        List<AnnotationEventHandlerAdapter> handlers = handlerBeans.stream()
                .map(bean -> new AnnotationEventHandlerAdapter(
                        bean, axon.parameterResolverFactory(), axon.handlerDefinition(bean.getClass())))
                .toList();
        // all of a tenant's events in one segment: the users projection's statistics need it, and it keeps
        // every other projection's per-aggregate order as well
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .sequencingPolicy(new TenantSequencingPolicy())
                .listenerInvocationErrorHandler(evictions)
                .queue(deadLetters)
                .enqueuePolicy(new DeadLetterPolicy(name, isolation))
                .transactionManager(transactionManager)
                .enableSequenceIdentifierCache()
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(axon.eventStore())
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .errorHandler(isolation)
                .trackingEventProcessorConfiguration(
                        TrackingEventProcessorConfiguration.forParallelProcessing(properties.segments())
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        // the queue's retries run through the invoker, not the processor: they need the shadow routing as well
        interceptors.forEach(interceptor -> {
            processor.registerHandlerInterceptor(interceptor);
            invoker.registerHandlerInterceptor(interceptor);
        });
        processor.start();
        return new RebuildProcessor(processor, invoker);
    }

    /** Stops processing and waits for the batches in flight; the tokens stay in the token store. */
    void shutDown() {
        processor.shutDown();
    }
}
