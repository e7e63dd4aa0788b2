package ai.migma.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A real HTTP service on loopback for the proxy's tests (the JDK's own server): it records every request it
 * receives and answers by the first path segment after its base path {@code /api}: {@code /api/slow/...} after
 * three seconds, {@code /api/download/...} with a generated body of {@code ?bytes=} bytes, {@code /api/upload/...}
 * by counting the body it is sent, anything else with a small JSON body and headers of its own.
 */
public final class TestUpstream implements AutoCloseable {

    /** One request as the upstream saw it. */
    public record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            long bodyBytes) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        public boolean has(String name) {
            return header(name) != null;
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicInteger uploading = new AtomicInteger();
    private volatile Consumer<Long> uploadProgress = bytes -> { };

    public TestUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void forget() {
        seen.clear();
    }

    /** Called with the bytes received so far as an upload arrives, on the upstream's thread (it may block it). */
    public void onUploadProgress(Consumer<Long> progress) {
        this.uploadProgress = progress;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            long body = path.startsWith("/api/upload") ? upload(exchange.getRequestBody())
                    : exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            seen.add(new Seen(exchange.getRequestMethod(), path, query, Map.copyOf(exchange.getRequestHeaders()),
                    body));
            if (path.startsWith("/api/slow")) {
                sleep(3_000);
            }
            if (path.startsWith("/api/download")) {
                download(exchange, Long.parseLong(query.replace("bytes=", "")));
                return;
            }
            byte[] json = ("{\"upstream\":true,\"method\":\"" + exchange.getRequestMethod() + "\",\"bytes\":" + body
                    + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Upstream", "orders-service");
            // Headers the gateway owns: the client must see the gateway's, not these.
            exchange.getResponseHeaders().set("X-Request-Id", "upstream-made-this-up");
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", "999999");
            if (path.startsWith("/api/cookies")) {
                exchange.getResponseHeaders().add("Set-Cookie", "theme=dark; Path=/");
                exchange.getResponseHeaders().add("Set-Cookie", "migma_session=chosen-by-upstream; Path=/dashboard");
            }
            exchange.sendResponseHeaders(path.startsWith("/api/missing") ? 404 : 200, json.length);
            exchange.getResponseBody().write(json);
        }
    }

    private long upload(InputStream body) throws IOException {
        uploading.incrementAndGet();
        try {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                uploadProgress.accept(total);
            }
            uploaded.set(total);
            return total;
        } finally {
            uploading.decrementAndGet();
        }
    }

    /** Uploads whose body is still being read: each holds a connection of the gateway's. */
    public int uploadsInProgress() {
        return uploading.get();
    }

    private static void download(HttpExchange exchange, long bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for {@code latch}, at most a minute. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("waited a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
