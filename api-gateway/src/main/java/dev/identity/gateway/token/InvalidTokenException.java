package dev.identity.gateway.token;

import org.springframework.security.core.AuthenticationException;

/** A presented access token that is malformed, forged, expired or incomplete; the message is client-safe. */
public class InvalidTokenException extends AuthenticationException {

    public InvalidTokenException(String message) {
        super(message);
    }
}
