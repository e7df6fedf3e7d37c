package dev.identity.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.events.audit.AuditEventView;
import dev.identity.events.audit.AuditFilter;
import dev.identity.events.audit.AuditPage;
import dev.identity.events.audit.FetchAuditEvents;
import dev.identity.events.audit.UserStateView;
import dev.identity.events.common.AggregateTypes;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.web.InstantInput;
import dev.identity.gateway.web.InvalidInputException;
import dev.identity.query.audit.AuditQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Who did what, to whom, when, from which request. A tenant's auditors see their tenant; platform admins
 * see every tenant, or one with {@code tenant}. Everything needs {@code audit:read}.
 */
@RestController
@RequestMapping("/api/v1/audit")
@SecurityRequirement(name = "bearer")
@RequiresPermission(Permission.AUDIT_READ)
class AuditController {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final QueryGateway queries;
    private final AuditQueries audit;
    private final NdjsonExport export;
    private final ExportAccess exportAccess;

    AuditController(QueryGateway queries, AuditQueries audit, ObjectMapper json, ExportAccess exportAccess) {
        this.queries = queries;
        this.audit = audit;
        this.export = new NdjsonExport(json);
        this.exportAccess = exportAccess;
    }

    @Operation(summary = "Events in global order, filtered, one page at a time (after = nextAfter of the last page)")
    @GetMapping("/events")
    AuditPage events(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid AuditSearch search,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        AuditFilter filter = filter(caller, search);
        return queries.query(new FetchAuditEvents(filter, after, limit), ResponseTypes.instanceOf(AuditPage.class))
                .join();
    }

    @Operation(summary = "The same events as NDJSON, one per line, streamed whatever their number")
    @GetMapping(value = "/events/export", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal AuthenticatedUser caller, @Valid AuditSearch search) {
        AuditFilter filter = filter(caller, search);
        Runnable stillAllowed = exportAccess.checkerFor(caller);
        StreamingResponseBody body = output -> export.<AuditEventView>write(
                output,
                sink -> audit.export(filter, event -> {
                    stillAllowed.run();
                    sink.accept(event);
                }));
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    @Operation(summary = "A user's events, oldest first")
    @GetMapping("/users/{id}/history")
    List<AuditEventView> userHistory(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return history(caller, id, AggregateTypes.USER, ErrorCode.USER_NOT_FOUND);
    }

    @Operation(summary = "The user as they were at an instant: status, email, roles, sessions")
    @GetMapping("/users/{id}/state")
    UserStateView userState(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        InstantInput.require("at", at);
        return audit.userStateAt(scope(caller, null), id, at)
                .orElseThrow(() -> new IdentityException(
                        ErrorCode.USER_NOT_FOUND, "No user " + id + " existed at " + at + " in your audit scope."));
    }

    @Operation(summary = "A session's events, oldest first")
    @GetMapping("/sessions/{id}/history")
    List<AuditEventView> sessionHistory(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return history(caller, id, AggregateTypes.SESSION, ErrorCode.SESSION_NOT_FOUND);
    }

    @Operation(summary = "A tenant's own events (creation, suspension, roles), oldest first")
    @GetMapping("/tenants/{id}/history")
    List<AuditEventView> tenantHistory(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return history(caller, id, AggregateTypes.TENANT, ErrorCode.TENANT_NOT_FOUND);
    }

    private List<AuditEventView> history(AuthenticatedUser caller, String id, String aggregateType, ErrorCode missing) {
        List<AuditEventView> events = audit.history(scope(caller, null), id).stream()
                .filter(event -> aggregateType.equals(event.aggregateType()))
                .toList();
        if (events.isEmpty()) {
            throw new IdentityException(
                    missing, "No " + aggregateType.toLowerCase(Locale.ROOT) + " " + id + " in your audit scope.");
        }
        return events;
    }

    private AuditFilter filter(AuthenticatedUser caller, AuditSearch search) {
        InstantInput.require("from", search.from());
        InstantInput.require("to", search.to());
        if (search.from() != null && search.to() != null && !search.from().isBefore(search.to())) {
            throw new InvalidInputException("to", "must be after from");
        }
        return new AuditFilter(
                scope(caller, search.tenant()),
                search.aggregateId(),
                search.type(),
                search.actor(),
                search.from(),
                search.to());
    }

    /** Platform admins may look at any tenant or all; everyone else at their own tenant only. */
    private static String scope(AuthenticatedUser caller, String requestedTenant) {
        if (caller.can(Permission.TENANTS_MANAGE)) {
            return requestedTenant;
        }
        if (requestedTenant != null && !requestedTenant.equals(caller.tenantId())) {
            throw new IdentityException(ErrorCode.TENANT_NOT_FOUND, "Tenant " + requestedTenant + " does not exist.");
        }
        return caller.tenantId();
    }
}
