package dev.identity.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.query.system.ProjectionApplied;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProjectionWaitsTest {

    private static final long NO_WAIT = 0;
    private static final long A_WHILE = Duration.ofMillis(200).toNanos();

    private final ProjectionWaits waits = new ProjectionWaits();

    @Test
    void aBatchBelowTheAwaitedSequenceDoesNotWakeTheWait() throws InterruptedException {
        try (ProjectionWaits.Wait wait = waits.register("users", "u1", 5)) {
            waits.applied(ProjectionApplied.parse("users u1:4 u2:9"));

            assertThat(wait.await(A_WHILE)).isFalse();
            assertThat(wait.reached()).isFalse();

            waits.applied(ProjectionApplied.parse("users u1:5"));
            assertThat(wait.await(NO_WAIT)).isTrue();
            assertThat(wait.reached()).isTrue();
        }
    }

    @Test
    void aSequenceNotifiedBeforeTheWaitBeganHasBeenReached() throws InterruptedException {
        waits.applied(ProjectionApplied.parse("users u1:7"));

        try (ProjectionWaits.Wait wait = waits.register("users", "u1", 7)) {
            assertThat(wait.reached()).isTrue();
            assertThat(wait.await(NO_WAIT)).isTrue();
        }
        try (ProjectionWaits.Wait later = waits.register("users", "u1", 8);
                ProjectionWaits.Wait otherProcessor = waits.register("audit", "u1", 7)) {
            assertThat(later.reached()).isFalse();
            assertThat(otherProcessor.reached()).isFalse();
        }
    }

    @Test
    void aBatchOfEveryAggregateOrAnUnknownSequenceMakesTheWaitLookWithoutReachingIt() throws InterruptedException {
        try (ProjectionWaits.Wait wait = waits.register("users", "u1", 3)) {
            waits.applied(ProjectionApplied.parse("users *"));
            assertThat(wait.await(NO_WAIT)).isTrue();
            assertThat(wait.reached()).isFalse();

            waits.applied(ProjectionApplied.parse("users u1"));
            assertThat(wait.await(NO_WAIT)).isTrue();
            assertThat(wait.reached()).as("a sequence unknown may be any").isTrue();
        }
    }

    @Test
    void aReconnectedListenerMakesEveryWaitLook() throws InterruptedException {
        try (ProjectionWaits.Wait wait = waits.register("sessions", "s1", 2)) {
            waits.wakeAll();

            assertThat(wait.await(NO_WAIT)).isTrue();
            assertThat(wait.reached()).isFalse();
        }
    }
}
