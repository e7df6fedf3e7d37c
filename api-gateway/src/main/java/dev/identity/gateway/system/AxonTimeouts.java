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
 * <p>Not on event handlers: Axon's timed invocation takes the thread's stack trace and schedules two tasks, and
 * event handlers run many times per write (every event an aggregate replays on load, every projection), which
 * showed in stack samples of the write path. A stuck projection shows as its processor's lag instead. Not the
 * unit-of-work timeouts either: a rebuild of every projection on 1,000,102 events ran at 10,561 events/s without
 * them, against 7,652 and 9,142 with them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeoutProperties.class)
class AxonTimeouts {

    @Bean
    CommandWatchdog commandHandlerTimeouts(TimeoutProperties properties) {
        return new CommandWatchdog(properties.getHandler().getCommands());
    }
}
