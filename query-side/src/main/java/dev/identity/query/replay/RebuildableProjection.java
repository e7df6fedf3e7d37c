package dev.identity.query.replay;

import dev.identity.query.audit.AuditProjection;
import dev.identity.query.session.SessionProjection;
import dev.identity.query.tenant.TenantProjection;
import dev.identity.query.user.UserProjection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The projections an operator can rebuild, each with every table its processor writes (and nothing else). */
public enum RebuildableProjection {
    USERS(UserProjection.PROCESSING_GROUP, UserProjection.class, List.of("users", "tenant_stats")),
    TENANTS(TenantProjection.PROCESSING_GROUP, TenantProjection.class, List.of("tenants", "tenant_roles")),
    SESSIONS(SessionProjection.PROCESSING_GROUP, SessionProjection.class, List.of("sessions")),
    AUDIT(AuditProjection.PROCESSING_GROUP, AuditProjection.class, List.of("audit_events"));

    private final String processingGroup;
    private final Class<?> handlerType;
    private final List<String> tables;

    RebuildableProjection(String processingGroup, Class<?> handlerType, List<String> tables) {
        this.processingGroup = processingGroup;
        this.handlerType = handlerType;
        this.tables = tables;
    }

    public static Optional<RebuildableProjection> named(String processingGroup) {
        return Arrays.stream(values())
                .filter(projection -> projection.processingGroup.equals(processingGroup))
                .findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values())
                .map(RebuildableProjection::processingGroup)
                .toList();
    }

    public String processingGroup() {
        return processingGroup;
    }

    /** The bean with its event handlers: the live processor and a rebuild's processor both invoke it. */
    Class<?> handlerType() {
        return handlerType;
    }

    List<String> tables() {
        return tables;
    }

    /** The schema its tables are rebuilt in; fixed, so an interrupted rebuild is found and replaced. */
    String shadowSchema() {
        return "rebuild_" + processingGroup;
    }
}
