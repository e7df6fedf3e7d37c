package dev.identity.gateway.auth;

import java.util.Set;

/** The verified caller of a request, taken from its access token. */
public record AuthenticatedUser(String userId, String tenantId, Set<String> roles) {
}
