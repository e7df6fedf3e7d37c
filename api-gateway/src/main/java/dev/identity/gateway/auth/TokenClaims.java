package dev.identity.gateway.auth;

/** What a verified access token asserts. */
public record TokenClaims(String userId, String tenantId) {
}
