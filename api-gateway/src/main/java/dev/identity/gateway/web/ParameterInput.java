package dev.identity.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks every path variable and query parameter with {@link TextInput}'s rules for identifiers before the
 * controller sees it, whatever the controller: every parameter the API takes is an id, a slug, a cursor, an
 * instant or a number. Both are decoded here from the raw request, strictly, because the servlet container and
 * Spring decode leniently (malformed UTF-8 becomes U+FFFD, or the parameter silently disappears).
 */
final class ParameterInput implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod) {
            checkPath(request);
            checkQuery(request.getQueryString());
        }
        return true;
    }

    private static void checkPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String[] segments = path.split("/", -1);
        String[] template = pattern == null ? new String[0] : pattern.toString().split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean variable =
                    template.length == segments.length && template[i].startsWith("{") && template[i].endsWith("}");
            String name = variable ? variableName(template[i]) : "path";
            check(name, segments[i], false);
        }
    }

    /** {@code {id}} and {@code {id:[0-9]+}} name {@code id}. */
    private static String variableName(String templateSegment) {
        String inner = templateSegment.substring(1, templateSegment.length() - 1);
        int colon = inner.indexOf(':');
        return colon < 0 ? inner : inner.substring(0, colon);
    }

    private static void checkQuery(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = check("query", rawName, true);
            if (equals >= 0) {
                check(name, pair.substring(equals + 1), true);
            }
        }
    }

    private static String check(String field, String encoded, boolean plusIsSpace) {
        String value;
        try {
            value = TextInput.percentDecode(encoded, plusIsSpace);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
        String problem = TextInput.problemInIdentifier(value);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }
}
