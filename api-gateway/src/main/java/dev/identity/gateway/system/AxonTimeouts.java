package dev.identity.gateway.system;

import org.axonframework.springboot.TimeoutProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Command handlers' timeouts ({@link CommandWatchdog}, with Axon's settings {@code axon.timeout.handler.commands.*}).
 * {@code axon.timeout.enabled} is false in application.yml, which turns every Axon timeout off; this puts back
 * the command handlers' ones, where a stuck handler holds a request thread.
 *
 * <p>Not on event handlers, nor on units of work: Axon's timed invocation takes the thread's stack trace and
 * schedules two tasks per message, which showed in the write path's and the rebuilds' figures. Why, measured:
 * docs/adr/0009-axon-timeouts-off-commands-watched.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeoutProperties.class)
class AxonTimeouts {

    @Bean
    CommandWatchdog commandHandlerTimeouts(TimeoutProperties properties) {
        return new CommandWatchdog(properties.getHandler().getCommands());
    }
}
