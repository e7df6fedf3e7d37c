package dev.identity.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what reaches the error page: rejections by Tomcat once a request is routed ({@code TRACE}) and by the
 * security firewall, and failures outside Spring MVC. What Tomcat refuses before routing is answered by
 * {@link ProblemReportValve}. Same problem format as every other answer, in place of
 * Spring Boot's {@code /error} JSON, whatever the client accepts.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = problem(status);
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The problem for an error status set by someone other than this application's handlers. */
    static ProblemDetail problem(HttpStatus status) {
        if (status.value() < 400 || status == HttpStatus.INTERNAL_SERVER_ERROR) {
            return Problems.of(
                    ProblemCode.INTERNAL_ERROR,
                    "Something went wrong on our side. Quote the X-Request-Id header when you report it.");
        }
        return Problems.of(status, detail(status));
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed: its target, encoding or headers are not valid HTTP.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case NOT_FOUND -> "No endpoint answers this path.";
            default -> "The request was refused: " + status.getReasonPhrase() + ".";
        };
    }
}
