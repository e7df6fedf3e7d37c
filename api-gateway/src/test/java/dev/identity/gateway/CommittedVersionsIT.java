package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.identity.command.eventstore.CommittedVersions;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.user.AssignRole;
import dev.identity.gateway.write.CommandSender;
import dev.identity.support.Api;
import dev.identity.support.FailingInserts;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture.TestTenant;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A write waits for its read model to reach the version its own command committed, which it learns on its
 * thread instead of asking the store; a command that wrote nothing, or whose commit failed, leaves it to ask.
 */
class CommittedVersionsIT extends IntegrationTest {

    @Autowired
    private CommandSender commands;

    @Autowired
    private CommittedVersions committedVersions;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private JdbcClient jdbc;

    private TestTenant tenant;

    @Test
    void aCommandsCommittedVersionIsKnownOnItsThread() {
        String userId = aUser();
        commands.send(
                new AssignRole(userId, tenant.id(), "auditor"), EventMetadata.SYSTEM_ACTOR, ErrorCode.USER_NOT_FOUND);
        assertThat(committedVersions.of(userId))
                .hasValue(eventStore.lastSequenceNumberFor(userId).orElseThrow());
        assertThat(committedVersions.of(tenant.id()))
                .as("an aggregate the command did not write")
                .isEmpty();

        commands.send(
                new AssignRole(userId, tenant.id(), "auditor"), EventMetadata.SYSTEM_ACTOR, ErrorCode.USER_NOT_FOUND);
        assertThat(committedVersions.of(userId))
                .as("a command that changed nothing")
                .isEmpty();
    }

    @Test
    void aCommandWhoseCommitFailsRecordsNothing() {
        String userId = aUser();
        try (FailingInserts ignored = FailingInserts.into(jdbc, "domain_event_entry", "aggregate_identifier", userId)) {
            assertThatThrownBy(() -> commands.send(
                            new AssignRole(userId, tenant.id(), "auditor"),
                            EventMetadata.SYSTEM_ACTOR,
                            ErrorCode.USER_NOT_FOUND))
                    .isNotNull();
        }
        assertThat(committedVersions.of(userId)).isEmpty();
    }

    private String aUser() {
        Api api = api();
        tenant = platform.createTenant(api, false);
        return platform.createUser(api, tenant, "versioned@example.com");
    }
}
