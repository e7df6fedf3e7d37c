package dev.identity.gateway.auth;

/** The login response body. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {
}
