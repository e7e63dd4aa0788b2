package ai.migma.gateway.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** One signed POST of an event to a webhook's URL; never follows redirects (they could lead anywhere). */
@Component
final class WebhookSender {

    static final int MAX_RESPONSE_BODY = 1024;
    private static final int MAX_ERROR = 500;

    /** What one attempt ended in; {@code status} is null when no response came. */
    record Attempt(boolean delivered, Integer status, String responseBody, String error, long millis) {
    }

    private final HttpClient http;
    private final WebhookProperties properties;
    private final WebhookUrlPolicy policy;

    WebhookSender(WebhookProperties properties, WebhookUrlPolicy policy) {
        this.properties = properties;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Attempt send(String url, String secret, UUID eventId, String eventType, String payload) {
        long started = System.nanoTime();
        if (!policy.allows(url)) {
            return new Attempt(false, null, null, "url is no longer allowed", 0);
        }
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "migma-gateway-webhooks")
                .header("X-Migma-Event", eventType)
                .header("X-Migma-Event-Id", eventId.toString())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            boolean delivered = status >= 200 && status < 300;
            return new Attempt(delivered, status, truncate(response.body(), MAX_RESPONSE_BODY),
                    delivered ? null : "receiver answered " + status, elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Attempt(false, null, null, "timed out after " + properties.timeout().toMillis() + " ms",
                    elapsed(started));
        } catch (ConnectException e) {
            return new Attempt(false, null, null, "could not connect", elapsed(started));
        } catch (IOException e) {
            return new Attempt(false, null, null, truncate(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), MAX_ERROR), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, null, null, "interrupted", elapsed(started));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
