package dev.identity.gateway.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * What a request body that could not be read gets: 413 when it was too large, 400 naming the JSON path when one
 * value was wrong (a control character, a number for a string, an unknown property), and 400
 * {@code MALFORMED_REQUEST} when it was not JSON of the expected shape at all.
 */
final class BodyProblems {

    private BodyProblems() {}

    static ProblemDetail notReadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimits.TooLarge tooLarge) {
                return RequestBodyLimits.problem(tooLarge.limit());
            }
            if (cause instanceof StreamConstraintsException limit) {
                return Problems.of(
                        ProblemCode.MALFORMED_REQUEST,
                        limit.getMessage().contains("depth")
                                ? "The request body nests objects or arrays deeper than this API accepts."
                                : "The request body holds a string or field name longer than this API accepts.");
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()
                && !(mapping.getCause() instanceof JsonParseException)) {
            return ApiExceptionHandler.validationProblem(List.of(new FieldError(path(mapping), message(mapping))));
        }
        return Problems.of(
                ProblemCode.MALFORMED_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape.");
    }

    private static String message(JsonMappingException mapping) {
        if (mapping instanceof JsonInput.RejectedText rejected) {
            return rejected.problem();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        return "has the wrong type";
    }

    /** {@code admin.displayName}, {@code permissions[0]}. */
    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
