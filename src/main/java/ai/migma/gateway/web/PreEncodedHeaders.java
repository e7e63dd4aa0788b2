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

    /**
     * The response's header table when {@link PreEncodedHeadersValve} provided it, else null (the servlet API is
     * used). Looked up once by each writer, not once per header.
     */
    public static MimeHeaders table(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof MimeHeaders headers ? headers : null;
    }

    public static void add(MimeHeaders table, HttpServletResponse response, Name name, Value value) {
        if (table == null) {
            response.addHeader(name.text(), value.text());
        } else {
            put(table, name, value.bytes());
        }
    }

    /** {@code asciiValue} must be ASCII without control characters; the gateway's own figures always are. */
    public static void add(MimeHeaders table, HttpServletResponse response, Name name, String asciiValue) {
        if (table == null) {
            response.addHeader(name.text(), asciiValue);
        } else {
            put(table, name, asciiValue.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void put(MimeHeaders table, Name name, byte[] value) {
        // Tomcat keeps a reference to the bytes until the response is recycled and never writes to them.
        table.addValue(name.bytes(), 0, name.bytes().length).setBytes(value, 0, value.length);
    }
}
