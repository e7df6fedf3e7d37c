package dev.identity.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies above {@code identity.web.max-body-size} get 413: at once when {@code Content-Length} says so,
 * and for a body of unknown length (chunked) as soon as reading it passes the limit. A {@code Content-Type}
 * that is no media type, or a wildcard ({@code *}{@code /*}), gets 415 here: Spring cannot represent it and
 * would fail with an internal error when the body is read. Bulk imports stream their body a line at a time and
 * have a limit of their own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyLimits extends OncePerRequestFilter {

    private static final String IMPORT_SUFFIX = ":import";

    private final long bodyLimit;
    private final long importLimit;
    private final ObjectMapper json;

    RequestBodyLimits(WebInputProperties properties, ObjectMapper json) {
        this.bodyLimit = properties.maxBodySize().toBytes();
        this.importLimit = properties.maxImportSize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!concrete(request.getContentType())) {
            refuse(
                    response,
                    Problems.of(
                            ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Type must be a concrete media type: application/json."));
            return;
        }
        long limit = request.getRequestURI().endsWith(IMPORT_SUFFIX) ? importLimit : bodyLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, problem(limit));
            return;
        }
        chain.doFilter(declared < 0 ? new Capped(request, limit) : request, response);
    }

    private static boolean concrete(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.write(response, problem, json);
    }

    static ProblemDetail problem(long limit) {
        return Problems.of(
                ProblemCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes, the most this API accepts.");
    }

    /** Reading a body of unknown length past the limit; answered 413. */
    static final class TooLarge extends IOException {

        private final long limit;

        TooLarge(long limit) {
            super("request body above " + limit + " bytes", null);
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
