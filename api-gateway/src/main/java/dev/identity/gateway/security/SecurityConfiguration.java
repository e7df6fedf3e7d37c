package dev.identity.gateway.security;

import dev.identity.gateway.access.AccessCache;
import dev.identity.gateway.access.CacheSeal;
import dev.identity.gateway.token.AccessTokens;
import dev.identity.gateway.token.SigningKey;
import jakarta.servlet.DispatcherType;
import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.Pointcuts;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless: no HTTP sessions, no CSRF (no cookies); every /api/v1 call but login, register and refresh
 * needs an access token.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** The access cache's Redis entries are sealed with a key derived from the signing key, which Redis never sees. */
    @Bean
    CacheSeal accessCacheSeal(SigningKey signingKey) {
        return new CacheSeal(signingKey.privateJwk().toKey().getEncoded());
    }

    /**
     * {@link RequiresPermission} on endpoints, checked where {@code @PreAuthorize} would be (an infrastructure
     * advisor, as Spring Security's own method interceptors are).
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiredPermissions() {
        Pointcut annotated = Pointcuts.union(
                new AnnotationMatchingPointcut(null, RequiresPermission.class, true),
                new AnnotationMatchingPointcut(RequiresPermission.class, true));
        AuthorizationManagerBeforeMethodInterceptor interceptor =
                new AuthorizationManagerBeforeMethodInterceptor(annotated, new RequiredPermissions());
        interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder());
        return interceptor;
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            AccessTokens accessTokens,
            AccessCache accessCache,
            ProblemAuthenticationEntryPoint problems)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(
                        new JwtAuthenticationFilter(accessTokens, accessCache, problems),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the request was authorized when it started; its async completion (streamed
                        // exports) and error dispatches carry no token of their own
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/refresh")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .build();
    }
}
