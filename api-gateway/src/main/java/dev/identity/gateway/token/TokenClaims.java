package dev.identity.gateway.token;

/** What a verified access token asserts: who, in which tenant, within which session. */
public record TokenClaims(String userId, String tenantId, String sessionId) {}
