package dev.identity.events.user;

import java.util.List;

/** {@code next} is null on the last page; {@code total} comes from the tenant's precomputed statistics. */
public record UserPage(List<UserView> items, long total, UserPosition next) {}
