package dev.identity.gateway.stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record a consumer cannot handle is tried twice more, logged, and sent to the dead-letter topic
 * ({@code <topic>.dlt}, one partition); the consumer then moves on instead of stopping.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerErrors {

    @Bean
    NewTopic deadLetterTopic(StreamProperties stream) {
        return TopicBuilder.name(stream.topic() + ".dlt")
                .partitions(1)
                .replicas(1)
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> kafka, StreamProperties stream) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(stream.topic() + ".dlt", 0));
        return new DefaultErrorHandler(recoverer, new FixedBackOff(100L, 2L));
    }
}
