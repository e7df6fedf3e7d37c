package dev.identity.query.tenant;

import dev.identity.events.tenant.FetchTenant;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantView;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class TenantQueries {

    private final JdbcClient jdbc;

    TenantQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts are read from the precomputed statistics row, never counted. */
    @QueryHandler
    Optional<TenantView> handle(FetchTenant query) {
        return jdbc.sql("""
                        SELECT t.id, t.slug, t.name, t.self_registration, t.status, t.created_at, t.version,
                               COALESCE(s.user_count, 0) AS user_count,
                               COALESCE(s.active_user_count, 0) AS active_user_count
                        FROM tenants t LEFT JOIN tenant_stats s ON s.tenant_id = t.id
                        WHERE t.id = :id""")
                .param("id", query.tenantId())
                .query((rs, row) -> new TenantView(
                        rs.getString("id"),
                        rs.getString("slug"),
                        rs.getString("name"),
                        rs.getBoolean("self_registration"),
                        TenantStatus.valueOf(rs.getString("status")),
                        rs.getLong("user_count"),
                        rs.getLong("active_user_count"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("version")))
                .optional();
    }
}
