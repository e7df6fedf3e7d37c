package dev.identity.query.tenant;

import dev.identity.events.tenant.TenantCreated;
import dev.identity.events.tenant.TenantReactivated;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantSuspended;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Idempotent: a row's version is the sequence number of the last event applied to it. */
@Component
@ProcessingGroup(TenantProjection.PROCESSING_GROUP)
class TenantProjection {

    static final String PROCESSING_GROUP = "tenants";

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

    private void setStatus(String tenantId, TenantStatus status, long sequence) {
        jdbc.sql("UPDATE tenants SET status = :status, version = :version WHERE id = :id AND version < :version")
                .param("status", status.name())
                .param("version", sequence)
                .param("id", tenantId)
                .update();
    }
}
