package dev.identity.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.events.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details. Every problem has a stable {@code type} URI and a {@code code}; clients
 * branch on those, the {@code detail} text is for people.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:identity:problem:";

    private Problems() {}

    public static ProblemDetail of(ProblemCode code, String detail) {
        return of(code.status(), code.name(), detail);
    }

    /** A problem named after its status alone ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}). */
    public static ProblemDetail of(HttpStatus status, String detail) {
        return of(status, status.name(), detail);
    }

    private static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    /** Writes a problem straight to the response, for filters and handlers that run outside Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper json)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(statusOf(code), code.name(), detail);
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case TENANT_NOT_FOUND, USER_NOT_FOUND, ROLE_NOT_FOUND, SESSION_NOT_FOUND, DEAD_LETTER_NOT_FOUND ->
                HttpStatus.NOT_FOUND;
            case TENANT_SLUG_TAKEN, EMAIL_TAKEN, ROLE_IN_USE, BUILT_IN_ROLE, LAST_ADMIN, PLATFORM_TENANT ->
                HttpStatus.CONFLICT;
            case TENANT_SUSPENDED, USER_DEACTIVATED, SELF_REGISTRATION_DISABLED -> HttpStatus.FORBIDDEN;
            case INVALID_PERMISSION -> HttpStatus.BAD_REQUEST;
            case INVALID_CREDENTIALS, SESSION_REVOKED, SESSION_EXPIRED, REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED ->
                HttpStatus.UNAUTHORIZED;
        };
    }
}
