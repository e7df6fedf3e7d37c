package dev.identity.gateway.user;

import dev.identity.events.user.UserView;
import java.util.List;

/** {@code nextCursor} is absent on the last page; {@code total} is the tenant's user count. */
public record UserListResponse(List<UserView> items, long total, String nextCursor) {}
