package ai.migma.gateway.webhooks;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * One signed POST of an event to a webhook's URL. Its connections resolve host names through
 * {@link WebhookUrlPolicy#addressesToConnect}, so a delivery reaches only an address the policy judged in that very
 * lookup; it never follows redirects (they could lead anywhere), never retries by itself (the dispatcher does, with
 * backoff) and uses no proxy from the environment.
 */
@Component
final class WebhookSender implements AutoCloseable {

    static final int MAX_RESPONSE_BODY = 1024;
    private static final int MAX_ERROR = 500;
    /** Without a charset parameter, as deliveries have always been sent (JSON is UTF-8 by definition). */
    private static final ContentType JSON = ContentType.create("application/json");

    /** What one attempt ended in; {@code status} is null when no response came. */
    record Attempt(boolean delivered, Integer status, String responseBody, String error, long millis) {
    }

    private final CloseableHttpClient http;
    private final WebhookProperties properties;
    private final WebhookUrlPolicy policy;

    WebhookSender(WebhookProperties properties, WebhookUrlPolicy policy) {
        this.properties = properties;
        this.policy = policy;
        Timeout timeout = Timeout.of(properties.timeout());
        DnsResolver checkedAddresses = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.addressesToConnect(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedAddresses)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnPerRoute(properties.workers())
                        .setMaxConnTotal(properties.workers() * 4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("migma-gateway-webhooks")
                .build();
    }

    Attempt send(String url, String secret, Map<String, String> customHeaders, UUID eventId, String eventType,
            String payload) {
        long started = System.nanoTime();
        try {
            policy.parse(url);
        } catch (RuntimeException refused) {
            return new Attempt(false, null, null, "url is no longer allowed", 0);
        }
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ClassicRequestBuilder builder = ClassicRequestBuilder.post(url);
        // The owner's headers first: the gateway's own, set after, are the ones a receiver reads.
        customHeaders.forEach(builder::setHeader);
        var request = builder
                .setHeader("X-Migma-Event", eventType)
                .setHeader("X-Migma-Event-Id", eventId.toString())
                .setHeader(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .setEntity(new ByteArrayEntity(body, JSON))
                .build();
        try {
            return http.execute(request, response -> {
                int status = response.getCode();
                boolean delivered = status >= 200 && status < 300;
                String text = response.getEntity() == null ? ""
                        : readAtMost(response.getEntity(), MAX_RESPONSE_BODY);
                return new Attempt(delivered, status, text, delivered ? null : "receiver answered " + status,
                        elapsed(started));
            });
        } catch (WebhookUrlPolicy.RefusedAddressException e) {
            return new Attempt(false, null, null, "url is no longer allowed", elapsed(started));
        } catch (UnknownHostException e) {
            return new Attempt(false, null, null, "url host cannot be resolved", elapsed(started));
        } catch (ConnectException e) {
            return new Attempt(false, null, null, "could not connect", elapsed(started));
        } catch (InterruptedIOException e) {
            // Connect and read timeouts are both InterruptedIOExceptions here.
            return new Attempt(false, null, null, "timed out after " + properties.timeout().toMillis() + " ms",
                    elapsed(started));
        } catch (IOException e) {
            return new Attempt(false, null, null, truncate(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), MAX_ERROR), elapsed(started));
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static String readAtMost(HttpEntity entity, int max) throws IOException {
        try {
            return EntityUtils.toString(entity, StandardCharsets.UTF_8, max);
        } catch (ParseException e) {
            return "";
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
