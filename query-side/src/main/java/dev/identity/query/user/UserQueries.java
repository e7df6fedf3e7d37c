package dev.identity.query.user;

import dev.identity.events.user.FetchUser;
import dev.identity.events.user.FetchUserPage;
import dev.identity.events.user.UserPage;
import dev.identity.events.user.UserPosition;
import dev.identity.events.user.UserView;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class UserQueries {

    private static final String COLUMNS = UserRows.COLUMNS;

    private final JdbcClient jdbc;

    UserQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<UserView> handle(FetchUser query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id AND tenant_id = :tenantId")
                .param("id", query.userId())
                .param("tenantId", query.tenantId())
                .query(UserRows::view)
                .optional();
    }

    /**
     * Keyset pagination on the index (tenant_id, created_at, id): each page costs the same however deep it
     * is. One extra row is read to know whether another page follows.
     */
    @QueryHandler
    UserPage handle(FetchUserPage query) {
        UserPosition after = query.after();
        String keyset = after == null ? "" : " AND (created_at, id) > (:afterCreatedAt, :afterId)";
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId" + keyset
                        + " ORDER BY created_at, id LIMIT :limit")
                .param("tenantId", query.tenantId())
                .param("limit", query.limit() + 1);
        if (after != null) {
            statement = statement
                    .param("afterCreatedAt", Timestamp.from(after.createdAt()))
                    .param("afterId", after.userId());
        }
        List<UserView> rows = statement.query(UserRows::view).list();
        boolean more = rows.size() > query.limit();
        List<UserView> items = more ? rows.subList(0, query.limit()) : rows;
        UserView last = items.isEmpty() ? null : items.get(items.size() - 1);
        UserPosition next = more ? new UserPosition(last.createdAt(), last.id()) : null;
        return new UserPage(List.copyOf(items), total(query.tenantId()), next);
    }

    private long total(String tenantId) {
        return jdbc.sql("SELECT user_count FROM tenant_stats WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}
