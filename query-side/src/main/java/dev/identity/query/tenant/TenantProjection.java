package dev.identity.query.tenant;

import dev.identity.events.tenant.RoleDefined;
import dev.identity.events.tenant.RoleDeleted;
import dev.identity.events.tenant.RolePermissionsChanged;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import dev.identity.query.system.ProjectionWrites;
import java.time.Instant;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Idempotent: a row's version is the sequence number of the last event applied to it, and a role changes
 * only in the statement that moves its tenant's version forward.
 */
@Component
@ProcessingGroup(TenantProjection.PROCESSING_GROUP)
public class TenantProjection {

    public static final String PROCESSING_GROUP = "tenants";

    private static final String CREATE = """
            INSERT INTO tenants (id, slug, name, self_registration, status, created_at, version)
            VALUES (:id, :slug, :name, :selfRegistration, 'ACTIVE', :createdAt, :version)
            ON CONFLICT (id) DO NOTHING""";
    private static final String SET_STATUS =
            "UPDATE tenants SET status = :status, version = :version WHERE id = :id AND version < :version";
    private static final String UPSERT_ROLE = """
            WITH advanced AS (UPDATE tenants SET version = :version WHERE id = :id AND version < :version RETURNING id)
            INSERT INTO tenant_roles (tenant_id, role, permissions)
            SELECT id, :role, string_to_array(:permissions, ',') FROM advanced
            ON CONFLICT (tenant_id, role) DO UPDATE SET permissions = EXCLUDED.permissions""";
    private static final String DELETE_ROLE = """
            WITH advanced AS (UPDATE tenants SET version = :version WHERE id = :id AND version < :version RETURNING id)
            DELETE FROM tenant_roles WHERE tenant_id IN (SELECT id FROM advanced) AND role = :role""";

    private final ProjectionWrites.Lane writes;

    TenantProjection(ProjectionWrites writes) {
        this.writes = writes.lane(PROCESSING_GROUP);
    }

    @EventHandler
    void on(TenantCreated event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        writes.add(
                CREATE,
                row(event.tenantId(), sequence)
                        .addValue("slug", event.slug())
                        .addValue("name", event.name())
                        .addValue("selfRegistration", event.selfRegistration())
                        .addValue("createdAt", java.sql.Timestamp.from(occurredAt)));
    }

    @EventHandler
    void on(TenantSuspended event, @SequenceNumber long sequence) {
        writes.add(SET_STATUS, row(event.tenantId(), sequence).addValue("status", TenantStatus.SUSPENDED.name()));
    }

    @EventHandler
    void on(TenantReactivated event, @SequenceNumber long sequence) {
        writes.add(SET_STATUS, row(event.tenantId(), sequence).addValue("status", TenantStatus.ACTIVE.name()));
    }

    @EventHandler
    void on(RoleDefined event, @SequenceNumber long sequence) {
        upsertRole(event.tenantId(), event.role(), event.permissions(), sequence);
    }

    @EventHandler
    void on(RolePermissionsChanged event, @SequenceNumber long sequence) {
        upsertRole(event.tenantId(), event.role(), event.permissions(), sequence);
    }

    @EventHandler
    void on(RoleDeleted event, @SequenceNumber long sequence) {
        writes.add(DELETE_ROLE, row(event.tenantId(), sequence).addValue("role", event.role()));
    }

    private void upsertRole(String tenantId, String role, Set<String> permissions, long sequence) {
        writes.add(
                UPSERT_ROLE,
                row(tenantId, sequence).addValue("role", role).addValue("permissions", String.join(",", permissions)));
    }

    private static MapSqlParameterSource row(String tenantId, long sequence) {
        return new MapSqlParameterSource().addValue("id", tenantId).addValue("version", sequence);
    }
}
