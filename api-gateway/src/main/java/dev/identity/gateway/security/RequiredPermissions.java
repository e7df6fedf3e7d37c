package dev.identity.gateway.security;

import dev.identity.events.common.Permission;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Decides {@link RequiresPermission}: granted when the caller is an {@link AuthenticatedUser} who
 * {@link AuthenticatedUser#can can} do what the method (or else its class) names. Anyone else, and a method
 * whose annotation cannot be found, is denied.
 */
final class RequiredPermissions implements AuthorizationManager<MethodInvocation> {

    /** By the invoked method: the annotation is looked up once per endpoint, not per request. */
    private final Map<Method, Optional<Permission>> required = new ConcurrentHashMap<>();

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, MethodInvocation invocation) {
        Optional<Permission> permission =
                required.computeIfAbsent(invocation.getMethod(), method -> requiredBy(method, invocation.getThis()));
        Authentication caller = authentication.get();
        return new AuthorizationDecision(permission.isPresent()
                && caller != null
                && caller.getPrincipal() instanceof AuthenticatedUser user
                && user.can(permission.get()));
    }

    /** The one abstract method of Spring Security's interface, deprecated there for {@link #authorize}. */
    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, MethodInvocation invocation) {
        return (AuthorizationDecision) authorize(authentication, invocation);
    }

    private static Optional<Permission> requiredBy(Method method, Object target) {
        Class<?> type = target == null ? method.getDeclaringClass() : AopUtils.getTargetClass(target);
        Method specific = AopUtils.getMostSpecificMethod(method, type);
        RequiresPermission annotation = AnnotatedElementUtils.findMergedAnnotation(specific, RequiresPermission.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(type, RequiresPermission.class);
        }
        return Optional.ofNullable(annotation).map(RequiresPermission::value);
    }
}
