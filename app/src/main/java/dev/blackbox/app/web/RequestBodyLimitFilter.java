package dev.blackbox.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.plumbing.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 before they are read: by their declared length at
 * once, and, for chunked bodies that declare none, as soon as the limit is passed while reading.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** Raised while reading a body that turned out to be too large. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    /** Imports carry a whole incident's history, which may be far larger than any one command. */
    private static final String IMPORT_PATH = "/api/v1/incidents/import";

    private final long maxBodyBytes;
    private final long maxImportBytes;
    private final ObjectMapper objectMapper;

    RequestBodyLimitFilter(@Value("${blackbox.http.max-body-bytes:1048576}") long maxBodyBytes,
                           @Value("${blackbox.http.max-import-bytes:67108864}") long maxImportBytes,
                           ObjectMapper objectMapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
        this.objectMapper = objectMapper;
    }

    static ProblemDetail tooLarge() {
        return Problems.document(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "the request body is larger than the server accepts");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = IMPORT_PATH.equals(request.getRequestURI()) ? maxImportBytes : maxBodyBytes;
        if (request.getContentLengthLong() > limit) {
            ProblemDetail problem = tooLarge();
            problem.setProperty("limitBytes", limit);
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The client may still be sending; closing tells Tomcat not to drain a huge body.
            response.setHeader("Connection", "close");
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new LimitedRequest(request, limit) : request,
                response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit) {
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

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException();
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
