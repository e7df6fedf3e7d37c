package dev.identity.gateway.security;

import dev.identity.events.common.Permission;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a caller must hold to invoke an endpoint (on a method, or on a controller for all of its
 * endpoints; a method's own wins). Checked before the method runs by {@link RequiredPermissions}; a caller
 * without it gets 403 {@code FORBIDDEN}. Checks inside a method use {@link AuthenticatedUser#can(Permission)},
 * the same test.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {

    Permission value();
}
