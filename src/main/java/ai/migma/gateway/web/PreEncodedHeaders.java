package ai.migma.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Response headers the gateway makes itself on every request (rate-limit figures, security headers), written as
 * bytes. Tomcat turns every header name and value given as a String into bytes at commit through a new
 * {@code CharsetEncoder} ({@code MessageBytes.toBytes}); for the gateway's seven headers that cost more than all
 * of its own steps together (docs/PERFORMANCE.md). On Tomcat, {@link PreEncodedHeadersValve} hands each request
 * its response's header table, and these headers go into it already encoded; without the valve (another container,
 * a mock response) they go through the servlet API as usual.
 *
 * <p>Only for ASCII the gateway writes itself, digits and constants: such values need none of the checks the
 * servlet API and Spring Security's firewalled response run on values that come from elsewhere.
 */
public final class PreEncodedHeaders {

    public static final String ATTRIBUTE = PreEncodedHeaders.class.getName() + ".headers";

    private PreEncodedHeaders() {
    }

    /** A header name, encoded once. */
    public record Name(String text, byte[] bytes) {

        public static Name of(String text) {
            return new Name(text, text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A constant header value, encoded once. */
    public record Value(String text, byte[] bytes) {

        public static Value of(String text) {
            return new Value(text, text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void add(HttpServletRequest request, HttpServletResponse response, Name name, Value value) {
        MimeHeaders headers = headers(request);
        if (headers == null) {
            response.addHeader(name.text(), value.text());
        } else {
            // Tomcat keeps a reference to the bytes until the response is recycled and never writes to them.
            headers.addValue(name.bytes(), 0, name.bytes().length).setBytes(value.bytes(), 0, value.bytes().length);
        }
    }

    /** {@code asciiValue} must be ASCII without control characters; the gateway's own figures always are. */
    public static void add(HttpServletRequest request, HttpServletResponse response, Name name, String asciiValue) {
        MimeHeaders headers = headers(request);
        if (headers == null) {
            response.addHeader(name.text(), asciiValue);
        } else {
            byte[] value = asciiValue.getBytes(StandardCharsets.ISO_8859_1);
            headers.addValue(name.bytes(), 0, name.bytes().length).setBytes(value, 0, value.length);
        }
    }

    private static MimeHeaders headers(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof MimeHeaders headers ? headers : null;
    }
}
