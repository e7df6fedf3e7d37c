package dev.identity.gateway.web;

import dev.identity.events.common.IdentityException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem response. Messages shown to clients are written here or by
 * the domain; a raw exception message or stack trace never reaches a response.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(IdentityException.class)
    ResponseEntity<ProblemDetail> rejected(IdentityException e) {
        return respond(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IdentityException rejected) {
            return rejected(rejected);
        }
        return unexpected(e);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return respond(validationProblem(e.errors()));
    }

    /** Bean Validation run on a method outside Spring MVC's own checks (a {@code @Validated} bean): still a 400. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolated(ConstraintViolationException e) {
        return respond(validationProblem(e.getConstraintViolations().stream()
                .map(violation -> new FieldError(lastNode(violation.getPropertyPath()), violation.getMessage()))
                .toList()));
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(validationProblem(List.of(new FieldError(e.getName(), "has the wrong format"))));
    }

    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
        return ResponseEntity.status(e.code().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Problems.of(e.code(), e.getMessage()));
    }

    // --- read model stalled (dead letters) or behind ---
    @ExceptionHandler(ReadModelStalledException.class)
    ResponseEntity<ProblemDetail> readModelStalled(ReadModelStalledException e) {
        ProblemDetail problem = e.parked()
                ? Problems.of(
                        ProblemCode.READ_MODEL_STALLED,
                        "Your change to " + e.aggregateId()
                                + " is stored, but the " + e.processor()
                                + " read model cannot show it until an operator"
                                + " handles an event parked before it. Do not repeat the request.")
                : Problems.of(
                        ProblemCode.READ_MODEL_BEHIND,
                        "Your change to " + e.aggregateId()
                                + " is stored, but the " + e.processor()
                                + " read model has not shown it yet. Do not repeat"
                                + " the request; read " + e.aggregateId() + " again in a moment.");
        problem.setProperty("aggregateId", e.aggregateId());
        problem.setProperty("readModel", e.processor());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (!e.parked()) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(problem);
    }
    // --- end read model stalled ---

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e) {
        return respond(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return respond(Problems.of(ProblemCode.FORBIDDEN, "You lack the permission this action needs."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unhandled error", e);
        return respond(Problems.of(
                ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side. Quote the X-Request-Id header when you report it."));
    }

    // --- Database unavailability: reached through the catch-all, since it comes wrapped in many shapes ---

    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        // one line, no stack trace: an outage fails every request, and the cause is the same for all of them
        log.warn(
                "Database unavailable: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailable.problem());
    }

    // --- end of database unavailability ---

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .toList();
        return problem(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors objectErrors && objectErrors.hasFieldErrors()
                        ? objectErrors.getFieldErrors().stream().map(ApiExceptionHandler::fieldError)
                        : result.getResolvableErrors().stream()
                                .map(error -> new FieldError(
                                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return problem(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(validationProblem(List.of(new FieldError(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(BodyProblems.notReadable(e));
    }

    /** Spring's own problems (unknown path, wrong method, unsupported media type) get a code too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            ProblemDetail coded = Problems.of(status, problem.getDetail());
            return new ResponseEntity<>(coded, headers, statusCode);
        }
        return new ResponseEntity<>(body, headers, statusCode);
    }

    /** A value that could not be converted (a bad date, say) is named without Java's conversion message. */
    private static FieldError fieldError(org.springframework.validation.FieldError error) {
        return new FieldError(
                error.getField(), error.isBindingFailure() ? "has the wrong format" : error.getDefaultMessage());
    }

    static ProblemDetail validationProblem(List<FieldError> errors) {
        ProblemDetail problem =
                Problems.of(ProblemCode.VALIDATION_FAILED, "The request has invalid fields: see errors.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
