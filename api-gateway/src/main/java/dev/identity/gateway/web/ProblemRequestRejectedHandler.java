package dev.identity.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests the security firewall refuses (a {@code TRACE}, an encoded slash, a path that is not normalized) as
 * problem details. Written here rather than with {@code sendError}: the error page's own dispatch would pass
 * the firewall again, be refused again, and leave the answer empty.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    /** StrictHttpFirewall's default methods: any other is refused for its method alone. */
    private static final Set<String> ALLOWED_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final ObjectMapper json;

    ProblemRequestRejectedHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = ALLOWED_METHODS.contains(request.getMethod())
                ? ProblemErrorController.problem(HttpStatus.BAD_REQUEST)
                : ProblemErrorController.problem(HttpStatus.METHOD_NOT_ALLOWED);
        response.resetBuffer();
        Problems.write(response, problem, json);
    }
}
