package dev.identity.gateway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.identity.gateway.access.AccessCacheProperties;
import dev.identity.gateway.system.Sha256;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: RS256 JWTs with the key id in the header. They say who the caller is,
 * not what they may do: permissions are looked up on every request, so a role change applies at once.
 */
@Component
public class AccessTokens {

    static final String TENANT_CLAIM = "tid";
    static final String SESSION_CLAIM = "sid";

    private final SigningKey signingKey;
    private final JwtProperties properties;
    private final Clock clock;
    private final JwtParser parser;
    private final Cache<String, Verified> verified;

    private record Verified(TokenClaims claims, Instant expiresAt) {}

    public AccessTokens(SigningKey signingKey, JwtProperties properties, AccessCacheProperties cache) {
        this.signingKey = signingKey;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.verified = Caffeine.newBuilder()
                .maximumSize(cache.maximumSize())
                .expireAfter(Expiry.<String, Verified>creating((hash, token) ->
                        Duration.between(clock.instant(), token.expiresAt()).isNegative()
                                ? Duration.ZERO
                                : Duration.between(clock.instant(), token.expiresAt())))
                .build();
        Map<String, Key> verificationKeys = signingKey.verificationJwks().stream()
                .collect(Collectors.toUnmodifiableMap(RsaPublicJwk::getId, RsaPublicJwk::toKey));
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<>() {
                    @Override
                    protected Key locate(ProtectedHeader header) {
                        Key key = header.getKeyId() == null ? null : verificationKeys.get(header.getKeyId());
                        if (key == null) {
                            throw new InvalidTokenException("The access token is signed with an unknown key.");
                        }
                        return key;
                    }
                })
                .requireIssuer(properties.issuer())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    public AccessToken issue(String userId, String tenantId, String sessionId) {
        Instant now = clock.instant();
        String token = Jwts.builder()
                .header()
                .keyId(signingKey.privateJwk().getId())
                .and()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(userId)
                .claim(TENANT_CLAIM, tenantId)
                .claim(SESSION_CLAIM, sessionId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenLifetime())))
                .signWith(signingKey.privateJwk().toKey(), Jwts.SIG.RS256)
                .compact();
        return new AccessToken(token, "Bearer", properties.accessTokenLifetime().toSeconds());
    }

    /**
     * Verifies the signature once per token and instance: a verified token is remembered (by its SHA-256,
     * never past its expiry), so later requests with it skip the RSA check. Whether its session, user and
     * tenant still stand is checked on every request all the same, by the caller.
     *
     * @throws InvalidTokenException with a client-safe reason when the token is not acceptable
     */
    public TokenClaims verify(String token) {
        String hash = Sha256.hex(token);
        Verified known = verified.getIfPresent(hash);
        if (known != null && known.expiresAt().isAfter(clock.instant())) {
            return known.claims();
        }
        return verifySignature(token, hash);
    }

    private TokenClaims verifySignature(String token, String hash) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String tenantId = claims.get(TENANT_CLAIM, String.class);
            String sessionId = claims.get(SESSION_CLAIM, String.class);
            if (claims.getSubject() == null || tenantId == null || sessionId == null) {
                throw new InvalidTokenException("The access token lacks required claims.");
            }
            TokenClaims verifiedClaims = new TokenClaims(claims.getSubject(), tenantId, sessionId);
            verified.put(
                    hash, new Verified(verifiedClaims, claims.getExpiration().toInstant()));
            return verifiedClaims;
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("The access token has expired.");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("The access token is invalid.");
        }
    }
}
