package dev.identity.gateway.token;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the {@code iss} claim of every access token, checked on every request
 * @param accessTokenLifetime how long an access token is valid
 * @param signingKey PKCS#8 PEM of the RSA private key that signs access tokens. Required in the
 *                   {@code prod} profile; elsewhere a throw-away key is generated at start-up
 * @param verificationKeys PEM keys (public, or private) that verify tokens besides the signing key: the
 *                         next key before a rotation, the previous one after it (see docs/operations.md)
 * @param clockSkew tolerance for the {@code exp}/{@code iat} checks between instances
 */
@ConfigurationProperties("identity.jwt")
public record JwtProperties(
        @DefaultValue("identity") String issuer,
        @DefaultValue("15m") Duration accessTokenLifetime,
        String signingKey,
        @DefaultValue List<String> verificationKeys,
        @DefaultValue("30s") Duration clockSkew) {}
