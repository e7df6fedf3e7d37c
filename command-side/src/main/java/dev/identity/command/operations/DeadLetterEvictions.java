package dev.identity.command.operations;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.operations.DeadLetterEvicted;
import dev.identity.events.operations.EvictDeadLetter;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evicts one dead letter and records that it did, in the command's transaction: the eviction, its
 * {@link DeadLetterEvicted} event and the row that lets rebuilds skip the event too ({@code
 * dead_letter_evictions}) commit together or not at all. The letter is removed from the table directly rather
 * than through Axon's queue, so that a rebuild's queue, which no registered processor owns, is served the same
 * way. The event belongs to no aggregate: an eviction is a fact about a processor, not a change to a tenant,
 * user or session.
 */
@Component
class DeadLetterEvictions {

    private final JdbcClient jdbc;
    private final EventBus eventBus;

    DeadLetterEvictions(JdbcClient jdbc, EventBus eventBus) {
        this.jdbc = jdbc;
        this.eventBus = eventBus;
    }

    private record Letter(String payloadType, String aggregateId) {}

    @CommandHandler
    void handle(EvictDeadLetter command) {
        Letter letter = jdbc.sql("""
                        DELETE FROM dead_letter_entry
                        WHERE processing_group = :processor AND sequence_identifier = :sequence
                          AND event_identifier = :eventId
                        RETURNING payload_type, aggregate_identifier""")
                .param("processor", command.processor())
                .param("sequence", command.sequence())
                .param("eventId", command.eventId())
                .query((row, number) -> new Letter(row.getString(1), row.getString(2)))
                .optional()
                .orElseThrow(() -> new IdentityException(
                        ErrorCode.DEAD_LETTER_NOT_FOUND,
                        "Processor " + command.processor() + " has no dead letter of event " + command.eventId()
                                + " in sequence " + command.sequence() + "."));
        jdbc.sql("""
                        INSERT INTO dead_letter_evictions (processor, event_id, evicted_at) VALUES (:processor, :eventId, now())
                        ON CONFLICT DO NOTHING""")
                .param("processor", command.processor())
                .param("eventId", command.eventId())
                .update();
        eventBus.publish(GenericEventMessage.asEventMessage(new DeadLetterEvicted(
                command.tenantId(),
                command.processor(),
                command.sequence(),
                command.eventId(),
                letter.payloadType().substring(letter.payloadType().lastIndexOf('.') + 1),
                letter.aggregateId(),
                command.reason())));
    }
}
