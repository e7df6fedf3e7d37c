package dev.identity.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.gateway.token.InvalidTokenException;
import dev.identity.gateway.web.DatabaseUnavailable;
import dev.identity.gateway.web.ProblemCode;
import dev.identity.gateway.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401, 403 and 503 as problem responses, written by the security filters before any controller runs. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ObjectMapper objectMapper;

    ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail =
                e instanceof InvalidTokenException ? e.getMessage() : "This endpoint needs a bearer access token.";
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, Problems.of(ProblemCode.UNAUTHENTICATED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, Problems.of(ProblemCode.FORBIDDEN, "You lack the permission this action needs."));
    }

    /** The caller's session, user or tenant could not be read: the database is out of reach. */
    void databaseUnavailable(HttpServletResponse response, RuntimeException e) throws IOException {
        log.warn(
                "Database unavailable while authenticating: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        write(response, DatabaseUnavailable.problem());
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.write(response, problem, objectMapper);
    }
}
