/**
 * Spring Security's wiring: the filter that turns a bearer token into the authenticated caller (with what
 * the access cache says it may do), the 401 entry point, and method checks by permission.
 */
package dev.identity.gateway.security;
