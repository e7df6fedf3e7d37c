package dev.identity.gateway.system;

import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.TimeoutProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's handler timeouts (a warning after 10 s, an interrupt after 30 s, set by {@code axon.timeout.handler.*})
 * without its unit-of-work timeouts. The latter sit on every event processor as an interceptor that tracks
 * each message: a rebuild of every projection on 1,000,102 events ran at 10,561 events/s without them, against
 * 7,652 and 9,142 with them. {@code axon.timeout.enabled} is false in application.yml, which turns both
 * off; this puts the handler timeouts back, as Axon's autoconfiguration builds them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeoutProperties.class)
class AxonTimeouts {

    @Bean
    HandlerTimeoutHandlerEnhancerDefinition handlerTimeouts(TimeoutProperties properties) {
        return new HandlerTimeoutHandlerEnhancerDefinition(properties.getHandler().toMessageHandlerTimeoutConfiguration());
    }
}
