package dev.identity.query.tenant;

import dev.identity.events.tenant.RoleDefined;
import dev.identity.events.tenant.RoleDeleted;
import dev.identity.events.tenant.RolePermissionsChanged;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import java.time.Instant;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Idempotent: a row's version is the sequence number of the last event applied to it. */
@Component
@ProcessingGroup(TenantProjection.PROCESSING_GROUP)
public class TenantProjection {

    public static final String PROCESSING_GROUP = "tenants";

    private final JdbcClient jdbc;

    TenantProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantCreated event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                        INSERT INTO tenants (id, slug, name, self_registration, status, created_at, version)
                        VALUES (:id, :slug, :name, :selfRegistration, 'ACTIVE', :createdAt, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", event.tenantId())
                .param("slug", event.slug())
                .param("name", event.name())
                .param("selfRegistration", event.selfRegistration())
                .param("createdAt", java.sql.Timestamp.from(occurredAt))
                .param("version", sequence)
                .update();
    }

    @EventHandler
    void on(TenantSuspended event, @SequenceNumber long sequence) {
        setStatus(event.tenantId(), TenantStatus.SUSPENDED, sequence);
    }

    @EventHandler
    void on(TenantReactivated event, @SequenceNumber long sequence) {
        setStatus(event.tenantId(), TenantStatus.ACTIVE, sequence);
    }

    @EventHandler
    void on(RoleDefined event, @SequenceNumber long sequence) {
        if (advance(event.tenantId(), sequence)) {
            upsertRole(event.tenantId(), event.role(), event.permissions());
        }
    }

    @EventHandler
    void on(RolePermissionsChanged event, @SequenceNumber long sequence) {
        if (advance(event.tenantId(), sequence)) {
            upsertRole(event.tenantId(), event.role(), event.permissions());
        }
    }

    @EventHandler
    void on(RoleDeleted event, @SequenceNumber long sequence) {
        if (advance(event.tenantId(), sequence)) {
            jdbc.sql("DELETE FROM tenant_roles WHERE tenant_id = :tenantId AND role = :role")
                    .param("tenantId", event.tenantId())
                    .param("role", event.role())
                    .update();
        }
    }

    /** Moves the tenant's version forward; false when the event was applied before. */
    private boolean advance(String tenantId, long sequence) {
        return jdbc.sql("UPDATE tenants SET version = :version WHERE id = :id AND version < :version")
                .param("version", sequence)
                .param("id", tenantId)
                .update() == 1;
    }

    private void upsertRole(String tenantId, String role, Set<String> permissions) {
        jdbc.sql("""
                        INSERT INTO tenant_roles (tenant_id, role, permissions)
                        VALUES (:tenantId, :role, string_to_array(:permissions, ','))
                        ON CONFLICT (tenant_id, role) DO UPDATE SET permissions = EXCLUDED.permissions""")
                .param("tenantId", tenantId)
                .param("role", role)
                .param("permissions", String.join(",", permissions))
                .update();
    }

    private void setStatus(String tenantId, TenantStatus status, long sequence) {
        jdbc.sql("UPDATE tenants SET status = :status, version = :version WHERE id = :id AND version < :version")
                .param("status", status.name())
                .param("version", sequence)
                .param("id", tenantId)
                .update();
    }
}
