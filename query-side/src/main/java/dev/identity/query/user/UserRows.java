package dev.identity.query.user;

import dev.identity.events.user.UserStatus;
import dev.identity.events.user.UserView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;

/** How a row of the users table becomes a {@link UserView}. */
public final class UserRows {

    public static final String COLUMNS =
            "id, tenant_id, email, display_name, status, roles, created_at, credential_epoch, version";

    private UserRows() {}

    public static UserView view(ResultSet rs, int row) throws SQLException {
        return new UserView(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("email"),
                rs.getString("display_name"),
                UserStatus.valueOf(rs.getString("status")),
                Set.copyOf(Arrays.asList((String[]) rs.getArray("roles").getArray())),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("credential_epoch"),
                rs.getLong("version"));
    }
}
