package dev.identity.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandWatchdogTest {

    private final CommandWatchdog watchdog = new CommandWatchdog(new TaskTimeoutSettings(300, 100, 50));

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void aCommandRunningPastItsTimeoutIsInterruptedAndLeavesItsThreadClean() throws Exception {
        MessageHandlingMember<Object> stuck = commandHandler();
        when(stuck.handle(any(), any())).thenAnswer(invocation -> {
            try {
                Thread.sleep(10_000);
                return "finished";
            } catch (InterruptedException e) {
                return "interrupted";
            }
        });
        long started = System.nanoTime();
        Object result = watchdog.wrapHandler(stuck).handle(GenericCommandMessage.asCommandMessage("stuck"), null);

        assertThat(result).isEqualTo("interrupted");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(Thread.currentThread().isInterrupted())
                .as("the thread's next work is not interrupted")
                .isFalse();
    }

    @Test
    void aQuickCommandIsLeftAlone() throws Exception {
        MessageHandlingMember<Object> quick = commandHandler();
        when(quick.handle(any(), any())).thenReturn("done");
        assertThat(watchdog.wrapHandler(quick).handle(GenericCommandMessage.asCommandMessage("quick"), null))
                .isEqualTo("done");
        Thread.sleep(600);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void eventHandlersAreNotWatched() {
        @SuppressWarnings("unchecked")
        MessageHandlingMember<Object> eventHandler = mock(MessageHandlingMember.class);
        when(eventHandler.canHandleMessageType(CommandMessage.class)).thenReturn(false);
        when(eventHandler.canHandleMessageType(EventMessage.class)).thenReturn(true);
        assertThat(watchdog.wrapHandler(eventHandler)).isSameAs(eventHandler);
    }

    @SuppressWarnings("unchecked")
    private static MessageHandlingMember<Object> commandHandler() {
        MessageHandlingMember<Object> member = mock(MessageHandlingMember.class);
        when(member.canHandleMessageType(CommandMessage.class)).thenReturn(true);
        return member;
    }
}
