package dev.identity.gateway.write;

import dev.identity.command.eventstore.CommittedVersions;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.TenantScoped;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.web.RequestIdFilter;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Sends a command with the metadata every event must carry: tenant, actor, correlation and request id.
 * Rejections come back as {@link IdentityException}s with a stable code.
 */
@Component
public class CommandSender {

    private final CommandGateway commandGateway;
    private final CommittedVersions committedVersions;

    public CommandSender(CommandGateway commandGateway, CommittedVersions committedVersions) {
        this.commandGateway = commandGateway;
        this.committedVersions = committedVersions;
    }

    /**
     * Sends as the current caller, or as {@code system} outside a request. An id that names no aggregate, or
     * an aggregate of another kind, is answered with {@code ifTargetMissing}.
     */
    public <R> R send(TenantScoped command, ErrorCode ifTargetMissing) {
        return send(command, currentActor(), ifTargetMissing);
    }

    public <R> R send(TenantScoped command, String actor, ErrorCode ifTargetMissing) {
        return send(command, origin(actor), ifTargetMissing);
    }

    /**
     * The actor and the current request's ids, for a command sent later on another thread, which has no
     * request to read them from.
     */
    public Origin origin(String actor) {
        String requestId = requestAttribute(RequestIdFilter.REQUEST_ID_ATTRIBUTE);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        String correlationId = requestAttribute(RequestIdFilter.CORRELATION_ID_ATTRIBUTE);
        return new Origin(actor, requestId, correlationId == null ? requestId : correlationId);
    }

    public <R> R send(TenantScoped command, Origin origin, ErrorCode ifTargetMissing) {
        MetaData metaData = MetaData.with(EventMetadata.TENANT_ID, command.tenantId())
                .and(EventMetadata.ACTOR, origin.actor())
                .and(EventMetadata.REQUEST_ID, origin.requestId())
                .and(EventMetadata.CORRELATION_ID, origin.correlationId());
        committedVersions.recordFromNow();
        try {
            return commandGateway.sendAndWait(new GenericCommandMessage<>(command, metaData));
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new IdentityException(ifTargetMissing, "No such " + describe(ifTargetMissing) + ".");
        }
    }

    /** Who a command is sent for, and the request it comes from. */
    public record Origin(String actor, String requestId, String correlationId) {}

    private static String describe(ErrorCode code) {
        return code == ErrorCode.TENANT_NOT_FOUND ? "tenant" : "user";
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return user.userId();
        }
        return EventMetadata.SYSTEM_ACTOR;
    }

    private static String requestAttribute(String name) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? null : (String) attributes.getAttribute(name, RequestAttributes.SCOPE_REQUEST);
    }
}
