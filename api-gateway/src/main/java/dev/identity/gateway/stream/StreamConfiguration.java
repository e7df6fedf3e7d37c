package dev.identity.gateway.stream;

import dev.identity.query.deadletter.DeadLetterPolicy;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

    /** Created at start-up when missing (KafkaAdmin); an existing topic is left as it is. */
    @Bean
    NewTopic eventTopic(StreamProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(1)
                .build();
    }

    /**
     * A failed publish is never logged and skipped: it is retried, and a record Kafka refuses for good parks its
     * aggregate's sequence in the dead-letter queue (switched on in {@code application.yml}).
     */
    @Autowired
    void configurePublisher(EventProcessingConfigurer processing, ObjectProvider<KafkaEventPublisher> publisher) {
        String group = KafkaEventPublisher.PROCESSING_GROUP;
        processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
        processing.registerErrorHandler(
                group, configuration -> publisher.getObject().isolation());
        processing.registerDeadLetterPolicy(
                group,
                configuration ->
                        new DeadLetterPolicy(group, publisher.getObject().isolation()));
    }
}
