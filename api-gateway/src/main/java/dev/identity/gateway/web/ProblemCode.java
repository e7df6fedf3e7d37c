package dev.identity.gateway.web;

import org.springframework.http.HttpStatus;

/**
 * The web layer's problem codes, beside the domain's {@code ErrorCode}: what a client branches on when a
 * request is refused before or around a command (authentication, input, limits, availability, operations).
 * Problems named after their HTTP status alone ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}) take the
 * status's name ({@link Problems#of(HttpStatus, String)}).
 */
public enum ProblemCode {
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    LOGIN_THROTTLED(HttpStatus.TOO_MANY_REQUESTS),
    REGISTRATION_THROTTLED(HttpStatus.TOO_MANY_REQUESTS),
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE),
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    READ_MODEL_STALLED(HttpStatus.SERVICE_UNAVAILABLE),
    READ_MODEL_BEHIND(HttpStatus.SERVICE_UNAVAILABLE),
    PROJECTION_NOT_FOUND(HttpStatus.NOT_FOUND),
    REBUILD_REFUSED(HttpStatus.CONFLICT),
    PUBLISHER_ELSEWHERE(HttpStatus.CONFLICT),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ProblemCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
