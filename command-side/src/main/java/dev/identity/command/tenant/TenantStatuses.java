package dev.identity.command.tenant;

import dev.identity.events.tenant.TenantStatus;
import java.util.Optional;

/** The current status of a tenant as the write side knows it (strongly consistent with the event store). */
public interface TenantStatuses {

    Optional<TenantStatus> statusOf(String tenantId);
}
