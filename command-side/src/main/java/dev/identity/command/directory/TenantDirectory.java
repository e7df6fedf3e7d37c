package dev.identity.command.directory;

import dev.identity.command.tenant.TenantStatuses;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tenants by id and by slug, with their status; slugs are unique. */
@Component
@ProcessingGroup(Directory.PROCESSING_GROUP)
public class TenantDirectory implements TenantStatuses, SelfRegistrations {

    private final JdbcClient jdbc;

    public TenantDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantCreated event) {
        int inserted = jdbc.sql("""
                        INSERT INTO tenant_directory (tenant_id, slug, status, self_registration)
                        VALUES (:tenantId, :slug, 'ACTIVE', :selfRegistration)
                        ON CONFLICT DO NOTHING""")
                .param("tenantId", event.tenantId())
                .param("slug", event.slug())
                .param("selfRegistration", event.selfRegistration())
                .update();
        if (inserted == 0) {
            throw new IdentityException(
                    ErrorCode.TENANT_SLUG_TAKEN, "A tenant with slug '" + event.slug() + "' already exists.");
        }
    }

    @EventHandler
    void on(TenantSuspended event) {
        setStatus(event.tenantId(), TenantStatus.SUSPENDED);
    }

    @EventHandler
    void on(TenantReactivated event) {
        setStatus(event.tenantId(), TenantStatus.ACTIVE);
    }

    private void setStatus(String tenantId, TenantStatus status) {
        jdbc.sql("UPDATE tenant_directory SET status = :status WHERE tenant_id = :tenantId")
                .param("status", status.name())
                .param("tenantId", tenantId)
                .update();
    }

    @Override
    public Optional<TenantStatus> statusOf(String tenantId) {
        return jdbc.sql("SELECT status FROM tenant_directory WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query((rs, row) -> TenantStatus.valueOf(rs.getString("status")))
                .optional();
    }

    @Override
    public boolean openIn(String tenantId) {
        return jdbc.sql("SELECT self_registration FROM tenant_directory WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public Optional<TenantEntry> findBySlug(String slug) {
        return jdbc.sql("SELECT tenant_id, slug, status, self_registration FROM tenant_directory WHERE slug = :slug")
                .param("slug", slug)
                .query((rs, row) -> new TenantEntry(
                        rs.getString("tenant_id"),
                        rs.getString("slug"),
                        TenantStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("self_registration")))
                .optional();
    }
}
