package dev.identity.gateway.security;

import dev.identity.gateway.access.AccessCache;
import dev.identity.gateway.token.AccessTokens;
import dev.identity.gateway.token.InvalidTokenException;
import dev.identity.gateway.token.TokenClaims;
import dev.identity.gateway.web.DatabaseUnavailable;
import dev.identity.query.access.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies the bearer token once per request, looks up what the caller may do now, and hands the caller
 * to the controllers with their permissions as authorities. A bad token, or one whose session, user or
 * tenant no longer stands, is answered at once with 401; a caller that cannot be looked up because the
 * database is out of reach, with 503.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final AccessCache accessCache;
    private final ProblemAuthenticationEntryPoint entryPoint;

    JwtAuthenticationFilter(
            AccessTokens accessTokens, AccessCache accessCache, ProblemAuthenticationEntryPoint entryPoint) {
        this.accessTokens = accessTokens;
        this.accessCache = accessCache;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Principal principal;
        try {
            TokenClaims claims =
                    accessTokens.verify(header.substring(BEARER.length()).trim());
            principal = accessCache
                    .principal(claims.tenantId(), claims.userId(), claims.sessionId())
                    .filter(Principal::active)
                    .orElseThrow(() -> new InvalidTokenException("The access token is no longer valid."));
        } catch (InvalidTokenException e) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, e);
            return;
        } catch (RuntimeException e) {
            // not cached, and PostgreSQL out of reach: the token may be fine, so neither 401 nor a bare 500
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            SecurityContextHolder.clearContext();
            entryPoint.databaseUnavailable(response, e);
            return;
        }
        AuthenticatedUser user = new AuthenticatedUser(
                principal.userId(), principal.tenantId(), principal.sessionId(), principal.permissions());
        List<SimpleGrantedAuthority> authorities = principal.permissions().stream()
                .map(permission -> new SimpleGrantedAuthority(permission.key()))
                .toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
