package ai.migma.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses bodies over the limit with 413: at once when Content-Length says so, and while reading for chunked
 * bodies, whose size is known only as they arrive. Tomcat limits only form posts; JSON would otherwise be read
 * whole, however large. Registered for the request's first dispatch only (WebConfiguration).
 */
final class BodySizeLimitFilter extends HttpFilter {

    /** The one route whose bodies are large by design: the SDK's bulk import of contacts. */
    private static final String BULK_IMPORT = "/v1/contacts/bulk";

    private final long maxBytes;
    private final long maxBulkImportBytes;
    private final ErrorRenderer errors;
    private final RequestBodyLimits routes;

    BodySizeLimitFilter(long maxBytes, long maxBulkImportBytes, ErrorRenderer errors, RequestBodyLimits routes) {
        this.maxBytes = maxBytes;
        this.maxBulkImportBytes = Math.max(maxBytes, maxBulkImportBytes);
        this.errors = errors;
        this.routes = routes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long length = request.getContentLengthLong();
        if (length > limit) {
            errors.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit));
            return;
        }
        // Only a chunked body has no declared length; a request with neither header has no body at all (RFC 9112
        // 6.3), and wrapping it would put a wrapper under every later call on the request, for nothing.
        boolean chunked = length < 0 && limit != Long.MAX_VALUE && request.getHeader("Transfer-Encoding") != null;
        chain.doFilter(chunked ? new LimitedRequest(request, limit) : request, response);
    }

    /** The exact path only: the larger budget is not a prefix that other routes could borrow. */
    private long limitFor(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && BULK_IMPORT.equals(request.getRequestURI())) {
            return maxBulkImportBytes;
        }
        long own = routes.limitFor(request);
        return own >= 0 ? own : maxBytes;
    }

    static String tooLarge(long limit) {
        return "Request body larger than " + limit + " bytes";
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        LimitedInputStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
