package dev.identity.command.directory;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The directory handlers run in the appending transaction (subscribing), and their exceptions propagate:
 * Axon's default would only log them, and a duplicate would slip through.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryProcessing {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(Directory.PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(
                Directory.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
