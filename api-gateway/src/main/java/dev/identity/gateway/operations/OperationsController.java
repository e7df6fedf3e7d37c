package dev.identity.gateway.operations;

import dev.identity.events.common.Permission;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.stream.KafkaEventPublisher;
import dev.identity.gateway.web.InvalidInputException;
import dev.identity.gateway.web.ProblemCode;
import dev.identity.gateway.web.ProblemException;
import dev.identity.query.replay.ProjectionRebuilds;
import dev.identity.query.replay.RebuildableProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = "bearer")
@RequiresPermission(Permission.TENANTS_MANAGE)
class OperationsController {

    private static final String REBUILD = "the projection is rebuilt from the first event";

    private final ProcessorMonitor monitor;
    private final StreamRewind rewind;
    private final ProjectionRebuilds rebuilds;

    OperationsController(ProcessorMonitor monitor, StreamRewind rewind, ProjectionRebuilds rebuilds) {
        this.monitor = monitor;
        this.rewind = rewind;
        this.rebuilds = rebuilds;
    }

    @Operation(summary = "Every event processor (projections, audit, Kafka publisher) against the event store's head")
    @GetMapping("/projections")
    List<ProcessorStatus> projections() {
        return monitor.status();
    }

    @Operation(
            summary = "Rebuild a projection (users, tenants, sessions or audit) from the first event",
            description = "Replays into new tables while the current ones keep answering reads and following new"
                    + " events; when the replay has caught up, the new tables replace them in one transaction."
                    + " Follow it with GET /projections. The body must be {\"confirm\": true}.")
    @PostMapping("/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProcessorStatus replay(@PathVariable String name, @RequestBody(required = false) Confirmation confirmation) {
        Confirmation.require(confirmation == null ? null : confirmation.confirm(), REBUILD);
        RebuildableProjection projection = RebuildableProjection.named(name)
                .orElseThrow(() -> new ProblemException(
                        ProblemCode.PROJECTION_NOT_FOUND,
                        "No projection named '" + name + "'; " + rebuildable()
                                + " (the Kafka publisher is rewound with POST /api/v1/admin/stream/rewind)."));
        start(List.of(projection));
        return statusOf(List.of(projection)).get(0);
    }

    @Operation(
            summary = "Rebuild several projections at once, reading the event store once for all of them",
            description = "The body names them; without a list, or with an empty one, every projection is rebuilt."
                    + " The body must hold \"confirm\": true. Answers the status of each.")
    @PostMapping("/projections/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    List<ProcessorStatus> replayTogether(@RequestBody(required = false) ReplayRequest request) {
        Confirmation.require(request == null ? null : request.confirm(), REBUILD);
        List<String> names =
                request.projections() == null || request.projections().isEmpty()
                        ? RebuildableProjection.names()
                        : request.projections();
        List<RebuildableProjection> projections = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            projections.add(RebuildableProjection.named(name)
                    .orElseThrow(() -> new InvalidInputException(
                            "projections", "has '" + name + "', which is not a projection; " + rebuildable())));
        }
        start(projections);
        return statusOf(projections);
    }

    private void start(List<RebuildableProjection> projections) {
        try {
            rebuilds.start(projections);
        } catch (ProjectionRebuilds.Refused e) {
            throw new ProblemException(ProblemCode.REBUILD_REFUSED, e.getMessage());
        }
    }

    private List<ProcessorStatus> statusOf(List<RebuildableProjection> projections) {
        List<String> names =
                projections.stream().map(RebuildableProjection::processingGroup).toList();
        return monitor.status().stream()
                .filter(status -> names.contains(status.name()))
                .toList();
    }

    private static String rebuildable() {
        return "these can be rebuilt: " + String.join(", ", RebuildableProjection.names());
    }

    @Operation(
            summary = "Publish every event from a global position on to Kafka again, for a consumer that lost data",
            description = "The body must hold \"confirm\": true.")
    @PostMapping("/stream/rewind")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProcessorStatus rewind(@Valid @RequestBody RewindRequest request) {
        Confirmation.require(request.confirm(), "every event from fromPosition on is published to Kafka again");
        long head = monitor.head();
        if (request.fromPosition() > head) {
            // a token past the head would silently skip the events that fill the gap
            throw new InvalidInputException("fromPosition", "is beyond the newest event (position " + head + ")");
        }
        if (!rewind.rewindTo(request.fromPosition())) {
            throw new ProblemException(
                    ProblemCode.PUBLISHER_ELSEWHERE,
                    "Another instance runs the Kafka publisher"
                            + " (see GET /api/v1/admin/projections, owners of kafka-publisher); send the rewind to it.");
        }
        return monitor.status().stream()
                .filter(status -> status.name().equals(KafkaEventPublisher.PROCESSING_GROUP))
                .findFirst()
                .orElseThrow();
    }
}
