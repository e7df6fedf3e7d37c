package dev.identity.gateway.session;

/** What login and refresh answer: a short-lived access token and the next refresh token. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken, String sessionId) {}
