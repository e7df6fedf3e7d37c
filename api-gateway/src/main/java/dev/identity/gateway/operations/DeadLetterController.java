package dev.identity.gateway.operations;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.operations.EvictDeadLetter;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.write.CommandSender;
import dev.identity.query.deadletter.DeadLetterView;
import dev.identity.query.deadletter.DeadLetters;
import dev.identity.query.replay.ProjectionRebuilds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the event processors have parked, and the operator's two answers to it: retry, or evict. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@SecurityRequirement(name = "bearer")
@RequiresPermission(Permission.TENANTS_MANAGE)
class DeadLetterController {

    private static final int WHOLE_SEQUENCE = 1_000;

    private final DeadLetters deadLetters;
    private final Configuration axon;
    private final CommandSender commands;
    private final ProjectionRebuilds rebuilds;

    DeadLetterController(
            DeadLetters deadLetters, Configuration axon, CommandSender commands, ProjectionRebuilds rebuilds) {
        this.deadLetters = deadLetters;
        this.axon = axon;
        this.commands = commands;
        this.rebuilds = rebuilds;
    }

    @Operation(
            summary = "Parked events of every processor (or of one), without their payloads",
            description = "Index 0 of a sequence is the event that failed; the others wait behind it, in order.")
    @GetMapping
    DeadLetterListing list(
            @RequestParam(required = false) String processor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return new DeadLetterListing(deadLetters.countsByProcessor(), deadLetters.list(processor, null, limit));
    }

    @Operation(
            summary = "Handle a parked sequence again, from its first event",
            description = "Run it once the cause is removed. Events that succeed are applied and leave the queue;"
                    + " the first that fails again stays, with its new cause, and so do those behind it.")
    @PostMapping("/{processor}/{sequence}/retry")
    RetryOutcome retry(@PathVariable String processor, @PathVariable String sequence) {
        // a rebuild's queue is retried by its processor, on the instance that runs the rebuild
        SequencedDeadLetterProcessor<EventMessage<?>> letters = axon.eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(processor)
                .or(() -> rebuilds.deadLetters(processor))
                .orElseThrow(() -> notFound(processor, sequence));
        if (sequenceOf(processor, sequence).isEmpty()) {
            throw notFound(processor, sequence);
        }
        boolean resolved = letters.process(letter -> letter instanceof JdbcDeadLetter<?> stored
                && stored.getSequenceIdentifier().equals(sequence));
        return new RetryOutcome(processor, sequence, resolved, sequenceOf(processor, sequence));
    }

    @Operation(
            summary = "Give up on one parked event for one processor, with a reason (audited as DeadLetterEvicted)",
            description =
                    "The processor will never apply it. Events behind it stay parked until the sequence is retried.")
    @PostMapping("/{processor}/{sequence}/evict")
    RetryOutcome evict(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String processor,
            @PathVariable String sequence,
            @Valid @RequestBody EvictionRequest request) {
        Confirmation.require(request.confirm(), "the processor will never apply this event");
        commands.send(
                new EvictDeadLetter(caller.tenantId(), processor, sequence, request.eventId(), request.reason()),
                ErrorCode.DEAD_LETTER_NOT_FOUND);
        List<DeadLetterView> remaining = sequenceOf(processor, sequence);
        return new RetryOutcome(processor, sequence, remaining.isEmpty(), remaining);
    }

    private List<DeadLetterView> sequenceOf(String processor, String sequence) {
        return deadLetters.list(processor, sequence, WHOLE_SEQUENCE);
    }

    private static IdentityException notFound(String processor, String sequence) {
        return new IdentityException(
                ErrorCode.DEAD_LETTER_NOT_FOUND,
                "Processor " + processor + " has no parked sequence " + sequence
                        + " (a rebuild's sequences are retried on the instance that runs it).");
    }
}
