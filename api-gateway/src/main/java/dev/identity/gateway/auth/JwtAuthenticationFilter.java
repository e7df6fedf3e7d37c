package dev.identity.gateway.auth;

import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.Permission;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies the bearer token once per request and hands the verified caller to the controllers, with the
 * permissions of their roles as authorities. A bad token is answered at once with 401.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final AuthenticationEntryPoint entryPoint;

    JwtAuthenticationFilter(AccessTokens accessTokens, AuthenticationEntryPoint entryPoint) {
        this.accessTokens = accessTokens;
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
        AuthenticatedUser user;
        try {
            user = accessTokens.verify(header.substring(BEARER.length()).trim());
        } catch (InvalidTokenException e) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, e);
            return;
        }
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .flatMap(role -> BuiltInRole.byName(role).stream())
                .flatMap(role -> role.permissions().stream())
                .map(Permission::key)
                .distinct()
                .map(SimpleGrantedAuthority::new)
                .toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
