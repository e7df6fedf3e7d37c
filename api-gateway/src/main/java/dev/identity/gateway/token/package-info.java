/** JWT access tokens: issued and verified with a rotating-ready RSA key, and the JWKS that publishes it. */
package dev.identity.gateway.token;
