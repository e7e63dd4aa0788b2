package ai.migma.gateway.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A dashboard session over plain HTTP (cookies kept, redirects not followed), for what needs no browser. */
public final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final IntSupplier port;
    private final String forwardedFor;

    public DashboardSession(IntSupplier port) {
        this(port, null);
    }

    /** A session whose requests say, in X-Forwarded-For, that they come from {@code forwardedFor}. */
    public DashboardSession(IntSupplier port, String forwardedFor) {
        this.port = port;
        this.forwardedFor = forwardedFor;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A form POST carrying the CSRF token of {@code tokenPage} (unless {@code withToken} is false). */
    public HttpResponse<String> post(String path, Map<String, String> fields, String tokenPage, boolean withToken) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (withToken) {
            form.put("_csrf", csrfToken(tokenPage));
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Logs in; the answer is the login POST's redirect. */
    public HttpResponse<String> login(String email, String password) {
        return post("/dashboard/login", Map.of("username", email, "password", password), "/dashboard/login", true);
    }

    public String csrfToken(String page) {
        Matcher matcher = CSRF.matcher(get(page).body());
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token on " + page);
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path));
        return forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
