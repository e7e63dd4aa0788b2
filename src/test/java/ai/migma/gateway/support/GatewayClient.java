package ai.migma.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running gateway over real HTTP with the JDK's client, so tests send exactly the headers they mean
 * (two Authorization headers, odd schemes) with nothing added by a test framework.
 */
public final class GatewayClient {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final IntSupplier port;

    /** The port is read at each call: the test context creates this client before the server has one. */
    public GatewayClient(IntSupplier port) {
        this.port = port;
    }

    public record Reply(int status, Map<String, List<String>> headers, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** {@code body} as the JSON a call sends. */
    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    /** {@code text} as a JSON tree (a webhook's body, say). */
    public static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    /** A request with any headers, given as name, value, name, value, ... */
    public Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A new account with a project and a key holding {@code scopes} (see {@link Tenant}). */
    public Tenant tenant(String... scopes) {
        String account = createAccount("enterprise", 10_000);
        String project = createProject(account, "Shop");
        return new Tenant(this, account, project, createKey(account, "test", scopes).get("key").asString());
    }

    /** {@code /actuator/health} as the operator reads it: with the admin token, which shows the details. */
    public Reply health() {
        return get("/actuator/health", "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** GET with {@code Authorization: Bearer key}. */
    public Reply getWithKey(String path, String key) {
        return get(path, "Authorization", "Bearer " + key);
    }

    /** A call with {@code Authorization: Bearer key} and a JSON body (or none). */
    public Reply call(String method, String path, String key, Object body) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + key));
        if (body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return send(method, path, body == null ? null : JSON.writeValueAsString(body), headers.toArray(String[]::new));
    }

    /**
     * GETs {@code path} until the JSON pointer {@code field} of its answer holds one of {@code done}, as the SDK's
     * {@code *AndWait} helpers poll; fails after ten seconds.
     */
    public Reply pollUntil(String path, String key, String field, String... done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Reply reply;
        do {
            reply = getWithKey(path, key);
            if (reply.status() != 200 || List.of(done).contains(reply.json().at(field).asString(""))) {
                return reply;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still not " + List.of(done) + " at " + field + " of " + path + ": " + reply.text());
    }

    /** Creates a project in the account through the admin API and returns its id. */
    public String createProject(String accountId, String name) {
        Reply reply = admin("POST", "/admin/v1/accounts/" + accountId + "/projects", Map.of("name", name));
        expect(reply, 201);
        return reply.json().at("/data/project/_id").asString();
    }

    /** Creates a dashboard user of the account through the admin API. */
    public void createUser(String accountId, String email, String password) {
        expect(admin("POST", "/admin/v1/accounts/" + accountId + "/users", Map.of("email", email,
                "password", password)), 201);
    }

    /** The port this client talks to. */
    public int port() {
        return port.getAsInt();
    }

    /** An admin API call with the test admin token and a JSON body (or none). */
    public Reply admin(String method, String path, Object body) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + ADMIN_TOKEN));
        if (body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return send(method, path, body == null ? null : JSON.writeValueAsString(body), headers.toArray(String[]::new));
    }

    /** Creates an account and returns its id. */
    public String createAccount(String plan, Integer rateLimitPerMinute) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Test account", "plan", plan));
        if (rateLimitPerMinute != null) {
            body.put("rateLimitPerMinute", rateLimitPerMinute);
        }
        Reply reply = admin("POST", "/admin/v1/accounts", body);
        expect(reply, 201);
        return reply.json().at("/data/account/id").asString();
    }

    /** Creates a key and returns the whole {@code data.apiKey} object, whose {@code key} is the key text. */
    public JsonNode createKey(String accountId, String environment, String... permissions) {
        Reply reply = admin("POST", "/admin/v1/accounts/" + accountId + "/api-keys",
                Map.of("name", "Test key", "environment", environment, "permissions", List.of(permissions)));
        expect(reply, 201);
        return reply.json().at("/data/apiKey");
    }

    /** A test key of a fresh pro account (100 requests a minute), with the given permissions. */
    public String newTestKey(String... permissions) {
        return createKey(createAccount("pro", null), "test", permissions).get("key").asString();
    }

    private static void expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + reply.status() + ": " + reply.text());
        }
    }
}
