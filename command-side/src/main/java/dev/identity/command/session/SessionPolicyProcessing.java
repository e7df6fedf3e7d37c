package dev.identity.command.session;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The revocation policy's processor. A failure propagates, so the processor retries the event with backoff
 * rather than skipping it: a skipped event would leave sessions standing in the history. It starts at the
 * head of the stream the first time: the events stored before it existed were handled by the revocations
 * the gateway made then.
 */
@Configuration(proxyBeanMethods = false)
class SessionPolicyProcessing {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(
                SessionRevocationPolicy.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        processing.registerListenerInvocationErrorHandler(
                SessionRevocationPolicy.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
