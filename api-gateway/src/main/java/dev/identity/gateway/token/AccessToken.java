package dev.identity.gateway.token;

/** The login response body. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {}
