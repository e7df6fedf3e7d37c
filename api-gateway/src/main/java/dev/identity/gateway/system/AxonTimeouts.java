package dev.identity.gateway.system;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.springboot.TimeoutProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's handler timeouts (a warning after 10 s, an interrupt after 30 s, set by {@code axon.timeout.handler.*})
 * on command handlers only, where a stuck handler holds a request thread. {@code axon.timeout.enabled} is false
 * in application.yml, which turns every Axon timeout off; this puts back the command handlers' ones.
 *
 * <p>Not on event handlers: each timed invocation takes the thread's stack trace and schedules two tasks, and
 * event handlers run many times per write (every event an aggregate replays on load, every projection), which
 * showed in stack samples of the write path. A stuck projection shows as its processor's lag instead. Not the
 * unit-of-work timeouts either: a rebuild of every projection on 1,000,102 events ran at 10,561 events/s without
 * them, against 7,652 and 9,142 with them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeoutProperties.class)
class AxonTimeouts {

    @Bean
    HandlerEnhancerDefinition commandHandlerTimeouts(TimeoutProperties properties) {
        HandlerTimeoutHandlerEnhancerDefinition timeouts = new HandlerTimeoutHandlerEnhancerDefinition(
                properties.getHandler().toMessageHandlerTimeoutConfiguration());
        return new HandlerEnhancerDefinition() {
            @Override
            public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
                return original.canHandleMessageType(CommandMessage.class) ? timeouts.wrapHandler(original) : original;
            }
        };
    }
}
