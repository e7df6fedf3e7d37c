package dev.identity.gateway.tenant;

import dev.identity.command.directory.TenantDirectory;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.tenant.FetchTenant;
import dev.identity.events.tenant.TenantView;
import dev.identity.gateway.bootstrap.BootstrapProperties;
import dev.identity.gateway.write.ReadYourWrites;
import dev.identity.query.tenant.TenantProjection;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Reading a tenant back, and waiting for the read model to show a write to it. */
@Component
public class Tenants {

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final TenantDirectory directory;
    private final BootstrapProperties bootstrap;

    public Tenants(
            QueryGateway queries,
            ReadYourWrites readYourWrites,
            TenantDirectory directory,
            BootstrapProperties bootstrap) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.directory = directory;
        this.bootstrap = bootstrap;
    }

    /** Whether the tenant is the one the platform admins belong to. */
    public boolean isPlatform(String tenantId) {
        return directory
                .findBySlug(bootstrap.platformTenant())
                .filter(entry -> entry.tenantId().equals(tenantId))
                .isPresent();
    }

    public Optional<TenantView> find(String tenantId) {
        return queries.query(new FetchTenant(tenantId), ResponseTypes.optionalInstanceOf(TenantView.class))
                .join();
    }

    public TenantView awaitTenant(String tenantId) {
        return readYourWrites
                .await(TenantProjection.PROCESSING_GROUP, tenantId, tenantId, () -> find(tenantId), TenantView::version)
                .orElseThrow(() -> notFound(tenantId));
    }

    static IdentityException notFound(String tenantId) {
        return new IdentityException(ErrorCode.TENANT_NOT_FOUND, "Tenant " + tenantId + " does not exist.");
    }
}
