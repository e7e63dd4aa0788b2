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
    /** For {@link #ascii(byte[], long, byte[], long)}: no second figure. */
    public static final long NONE = Long.MIN_VALUE;

    private static final byte[] NOTHING = {};

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

    /** {@code asciiValue} must be ASCII without control characters, as {@link #ascii} makes it. */
    public static void add(MimeHeaders table, HttpServletResponse response, Name name, byte[] asciiValue) {
        if (table == null) {
            response.addHeader(name.text(), new String(asciiValue, StandardCharsets.ISO_8859_1));
        } else {
            put(table, name, asciiValue);
        }
    }

    /** The digits of {@code number}, in one array: no String on the way. */
    public static byte[] ascii(long number) {
        return ascii(NOTHING, number, NOTHING, NONE);
    }

    /**
     * {@code first}, the figure {@code number}, {@code second} and the figure {@code otherNumber} (left out when it
     * is {@link #NONE}), in one array of exactly their length.
     */
    public static byte[] ascii(byte[] first, long number, byte[] second, long otherNumber) {
        boolean hasOther = otherNumber != NONE;
        if (number < 0 || (hasOther && otherNumber < 0)) {
            // Not a figure the gateway writes; kept correct rather than fast.
            byte[] other = hasOther ? Long.toString(otherNumber).getBytes(StandardCharsets.US_ASCII) : NOTHING;
            return concat(first, Long.toString(number).getBytes(StandardCharsets.US_ASCII), second, other);
        }
        int length = first.length + digits(number) + second.length + (hasOther ? digits(otherNumber) : 0);
        byte[] value = new byte[length];
        int end = putDigits(value, put(value, 0, first), number);
        end = put(value, end, second);
        if (hasOther) {
            putDigits(value, end, otherNumber);
        }
        return value;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] value = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            at = put(value, at, part);
        }
        return value;
    }

    private static int put(byte[] into, int at, byte[] text) {
        System.arraycopy(text, 0, into, at, text.length);
        return at + text.length;
    }

    /** Writes {@code number}'s digits starting at {@code at}; returns where they end. */
    private static int putDigits(byte[] into, int at, long number) {
        int end = at + digits(number);
        int i = end;
        do {
            into[--i] = (byte) ('0' + number % 10);
            number /= 10;
        } while (number != 0);
        return end;
    }

    private static int digits(long number) {
        int digits = 1;
        for (long bound = 10; digits < 19 && number >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private static void put(MimeHeaders table, Name name, byte[] value) {
        // Tomcat keeps a reference to the bytes until the response is recycled and never writes to them.
        table.addValue(name.bytes(), 0, name.bytes().length).setBytes(value, 0, value.length);
    }
}
