package dev.identity.gateway.operations;

import java.util.List;

/** @param projections the projections to rebuild together (users, tenants, sessions, audit); absent or empty: all */
public record ReplayRequest(List<String> projections) {
}
