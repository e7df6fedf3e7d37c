package dev.identity.gateway.system;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's command handler timeouts ({@code axon.timeout.handler.commands.*}: a warning after 10 s, repeated every
 * second, an interrupt after 30 s), without Axon's wrapper, which took the thread's whole stack trace as every
 * command started, to learn one class name (docs/adr/0009-axon-timeouts-off-commands-watched.md). Here a command
 * costs an entry in a set; one check per warning interval looks for commands running long, and takes the stack
 * trace of those only, where it shows what they are stuck on.
 */
final class CommandWatchdog implements HandlerEnhancerDefinition, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandWatchdog.class);

    private final long timeoutNanos;
    private final long warningNanos;
    private final long intervalNanos;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "command-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    CommandWatchdog(TaskTimeoutSettings settings) {
        // as Axon reads them: no timeout unless positive, no warnings unless they come before it
        timeoutNanos =
                settings.getTimeoutMs() > 0 ? TimeUnit.MILLISECONDS.toNanos(settings.getTimeoutMs()) : Long.MAX_VALUE;
        long warning = TimeUnit.MILLISECONDS.toNanos(settings.getWarningThresholdMs());
        warningNanos = settings.getWarningThresholdMs() >= 0 && warning < timeoutNanos ? warning : Long.MAX_VALUE;
        intervalNanos = TimeUnit.MILLISECONDS.toNanos(
                settings.getWarningIntervalMs() > 0 ? settings.getWarningIntervalMs() : 1000);
        checks.scheduleWithFixedDelay(this::check, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(CommandMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Running command = new Running(
                        Thread.currentThread(), message.getPayloadType().getSimpleName(), System.nanoTime());
                running.add(command);
                try {
                    return super.handle(message, target);
                } finally {
                    command.finish();
                    running.remove(command);
                }
            }
        };
    }

    private void check() {
        long now = System.nanoTime();
        for (Running command : running) {
            long elapsed = now - command.started;
            if (elapsed >= timeoutNanos) {
                command.interrupt(elapsed);
            } else if (elapsed >= warningNanos && now - command.nextWarning >= 0) {
                command.nextWarning = now + intervalNanos;
                log.warn(
                        "Command {} has been running for {} ms on {}, at:\n    {}",
                        command.name,
                        TimeUnit.NANOSECONDS.toMillis(elapsed),
                        command.thread.getName(),
                        Arrays.stream(command.thread.getStackTrace())
                                .map(String::valueOf)
                                .collect(Collectors.joining("\n    ")));
            }
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /** One command being handled, by identity: a thread handles nested commands as entries of their own. */
    private static final class Running {

        private final Thread thread;
        private final String name;
        private final long started;
        private long nextWarning;
        private boolean finished;
        private boolean interrupted;

        private Running(Thread thread, String name, long started) {
            this.thread = thread;
            this.name = name;
            this.started = started;
            this.nextWarning = started;
        }

        private synchronized void interrupt(long elapsed) {
            if (!finished && !interrupted) {
                interrupted = true;
                log.error(
                        "Command {} has been running for {} ms on {}: interrupting it",
                        name,
                        TimeUnit.NANOSECONDS.toMillis(elapsed),
                        thread.getName());
                thread.interrupt();
            }
        }

        /** An interrupt meant for this command must not reach whatever the thread does next. */
        private synchronized void finish() {
            finished = true;
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }
}
