package dev.identity.gateway.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues and verifies access tokens: RS256 JWTs with the key id in the header. */
@Component
public class AccessTokens {

    static final String TENANT_CLAIM = "tid";
    static final String ROLES_CLAIM = "roles";

    private final SigningKey signingKey;
    private final JwtProperties properties;
    private final Clock clock;
    private final JwtParser parser;

    public AccessTokens(SigningKey signingKey, JwtProperties properties) {
        this.signingKey = signingKey;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.parser = Jwts.parser()
                .verifyWith(signingKey.publicJwk().toKey())
                .requireIssuer(properties.issuer())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    public AccessToken issue(String userId, String tenantId, Set<String> roles) {
        Instant now = clock.instant();
        String token = Jwts.builder()
                .header().keyId(signingKey.privateJwk().getId()).and()
                .id(UUID.randomUUID().toString())
                .issuer(properties.issuer())
                .subject(userId)
                .claim(TENANT_CLAIM, tenantId)
                .claim(ROLES_CLAIM, List.copyOf(roles))
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenLifetime())))
                .signWith(signingKey.privateJwk().toKey(), Jwts.SIG.RS256)
                .compact();
        return new AccessToken(token, "Bearer", properties.accessTokenLifetime().toSeconds());
    }

    /** @throws InvalidTokenException with a client-safe reason when the token is not acceptable */
    public AuthenticatedUser verify(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String tenantId = claims.get(TENANT_CLAIM, String.class);
            Collection<?> roles = claims.get(ROLES_CLAIM, Collection.class);
            if (claims.getSubject() == null || tenantId == null || roles == null) {
                throw new InvalidTokenException("The access token lacks required claims.");
            }
            return new AuthenticatedUser(claims.getSubject(), tenantId,
                    Set.copyOf(roles.stream().map(String::valueOf).toList()));
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("The access token has expired.");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("The access token is invalid.");
        }
    }
}
