package dev.identity.gateway.operations;

import java.util.List;

/**
 * @param projections the projections to rebuild together (users, tenants, sessions, audit); absent or empty: all
 * @param confirm must be {@code true}: a rebuild reads the whole event store
 */
public record ReplayRequest(List<String> projections, Boolean confirm) {}
