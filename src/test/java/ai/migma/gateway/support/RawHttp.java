package ai.migma.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client would send: arbitrary bytes in header values, broken
 * request lines, many requests on one connection. Requests are sent as ISO-8859-1 bytes; {@link #send} closes the
 * connection after one response.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Response(int status, String headers, String body) {
    }

    public static Response send(int port, String request) throws IOException {
        String raw = exchange(port, request);
        int split = raw.indexOf("\r\n\r\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, head, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8));
    }

    /** Writes {@code requests} (one or more, pipelined) and returns everything read until the server closes. */
    public static String exchange(int port, String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException reset) {
            // The server may reset after a refused request; what arrived before is the response.
        }
        return bytes.toByteArray();
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
