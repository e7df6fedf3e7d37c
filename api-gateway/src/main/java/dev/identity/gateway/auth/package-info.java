/** Login, self-registration, JWT access tokens signed with a rotating-ready RSA key, and the JWKS. */
package dev.identity.gateway.auth;
