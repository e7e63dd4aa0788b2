package ai.migma.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.support.DashboardSession;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.TestUpstream;
import ai.migma.gateway.support.TestUpstream.Seen;
import ai.migma.gateway.usage.UsageRecorder;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/PROXY.md over real HTTP: the gateway in front of a real service on loopback, against the real PostgreSQL.
 * Keys are made through the admin API with the operator's own scopes.
 */
@GatewayTest
class ProxyTest {

    static final TestUpstream UPSTREAM = new TestUpstream();
    private static final Logger log = LoggerFactory.getLogger(ProxyTest.class);

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsageRecorder usage;
    @Autowired
    SigningKeys signingKeys;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String upstream = "http://127.0.0.1:" + UPSTREAM.port() + "/api";
        route(registry, 0, "orders-read", "/orders/**", upstream, "GET", "orders:read");
        registry.add("migma.proxy.routes[0].strip-prefix", () -> "1");
        route(registry, 1, "orders-write", "/orders/**", upstream, "POST,PUT,PATCH,DELETE", "orders:write");
        registry.add("migma.proxy.routes[1].strip-prefix", () -> "1");
        route(registry, 2, "slow", "/slow/**", upstream, "", "");
        registry.add("migma.proxy.routes[2].response-timeout", () -> "300ms");
        route(registry, 3, "down", "/down/**", "http://127.0.0.1:" + closedPort(), "", "");
        route(registry, 4, "limited", "/limited/**", upstream, "", "orders:read");
        registry.add("migma.proxy.routes[4].limit-per-minute", () -> "3");
        route(registry, 5, "files", "/files/**", upstream, "", "files:transfer");
        registry.add("migma.proxy.routes[5].strip-prefix", () -> "1");
        route(registry, 6, "keyed", "/keyed/**", upstream, "", "");
        registry.add("migma.proxy.routes[6].forward-authorization", () -> "true");
        route(registry, 7, "small", "/small/**", upstream, "", "");
        registry.add("migma.proxy.routes[7].max-body-size", () -> "1KB");
        registry.add("migma.proxy.scopes[0].name", () -> "orders:read");
        registry.add("migma.proxy.scopes[0].description", () -> "Read your orders");
    }

    private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String uri,
            String methods, String scopes) {
        String prefix = "migma.proxy.routes[" + index + "].";
        registry.add(prefix + "id", () -> id);
        registry.add(prefix + "path", () -> path);
        registry.add(prefix + "uri", () -> uri);
        registry.add(prefix + "methods", () -> methods);
        registry.add(prefix + "scopes", () -> scopes);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @BeforeEach
    void forgetRequests() {
        UPSTREAM.forget();
    }

    private String keyWith(String... scopes) {
        return gateway.createKey(gateway.createAccount("pro", null), "test", scopes).get("key").asString();
    }

    @Test
    void theUpstreamReceivesTheRequestWithTheCallersIdentityAndNeverTheKey() {
        String account = gateway.createAccount("pro", null);
        JsonNode created = gateway.createKey(account, "test", "orders:read");
        String key = created.get("key").asString();

        Reply reply = gateway.send("GET", "/orders/items/caf%C3%A9%20au%20lait?status=open&tag=x%20y", null,
                "Authorization", "Bearer " + key, "X-Migma-Account-Id", "someone-else", "X-Migma-Plan", "enterprise",
                "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic c2VjcmV0", "X-Custom", "kept",
                "X_Migma_Plan", "enterprise");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("upstream").asBoolean()).isTrue();
        assertThat(reply.header("X-Upstream")).isEqualTo("orders-service");
        assertThat(reply.header("X-Request-Id")).startsWith("req_");
        assertThat(reply.headers().get("X-Request-Id")).hasSize(1);
        assertThat(reply.header("X-RateLimit-Remaining")).isNotEqualTo("999999");
        Seen seen = UPSTREAM.seen().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.rawPath()).isEqualTo("/api/items/caf%C3%A9%20au%20lait");
        assertThat(seen.rawQuery()).isEqualTo("status=open&tag=x%20y");
        assertThat(seen.has("Authorization")).isFalse();
        // Hop-by-hop headers are for the gateway, not passed on.
        assertThat(seen.has("Keep-Alive")).isFalse();
        assertThat(seen.has("Proxy-Authorization")).isFalse();
        assertThat(seen.header("X-Custom")).isEqualTo("kept");
        assertThat(seen.header("X-Migma-Account-Id")).isEqualTo(account);
        assertThat(seen.headers().get("X-migma-account-id")).hasSize(1);
        // The underscore spelling, which CGI-style servers read as the same header, is removed too.
        assertThat(seen.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x_migma"));
        assertThat(seen.header("X-Migma-Key-Id")).isEqualTo(created.get("id").asString());
        assertThat(seen.header("X-Migma-Environment")).isEqualTo("test");
        assertThat(seen.header("X-Migma-Plan")).isEqualTo("pro");
        assertThat(seen.header("X-Migma-Permissions")).isEqualTo("orders:read");
        assertThat(seen.header("X-Migma-Route")).isEqualTo("orders-read");
        assertThat(seen.header("X-Request-Id")).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void theAssertionVerifiesWithThePublishedJwksAndStatesTheCaller() throws Exception {
        String account = gateway.createAccount("pro", null);
        JsonNode created = gateway.createKey(account, "test", "orders:read");
        gateway.getWithKey("/orders/items", created.get("key").asString());
        String assertion = UPSTREAM.seen().get(0).header("X-Migma-Assertion");

        JWTClaimsSet claims = verifier("orders-read").process(assertion, null);

        assertThat(claims.getSubject()).isEqualTo(created.get("id").asString());
        assertThat(claims.getStringClaim("account_id")).isEqualTo(account);
        assertThat(claims.getStringClaim("environment")).isEqualTo("test");
        assertThat(claims.getStringClaim("plan")).isEqualTo("pro");
        assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
        assertThat(claims.getExpirationTime()).isAfter(new Date()).isBefore(Date.from(Instant.now().plusSeconds(301)));
        // Signed once, then handed out again: signing is not on every request's path.
        gateway.getWithKey("/orders/items/2", created.get("key").asString());
        assertThat(UPSTREAM.seen().get(1).header("X-Migma-Assertion")).isEqualTo(assertion);
        // Another route is another audience: an assertion for one service is no good at another.
        assertThatThrownBy(() -> verifier("files").process(assertion, null)).isInstanceOf(BadJWTException.class);
    }

    @Test
    void aForgedOrExpiredAssertionIsDetectablyInvalid() throws Exception {
        gateway.getWithKey("/orders/items", keyWith("orders:read"));
        SignedJWT real = SignedJWT.parse(UPSTREAM.seen().get(0).header("X-Migma-Assertion"));

        // The real signature over other claims: someone who reached the upstream directly claims another account.
        String[] parts = real.serialize().split("\\.");
        JWTClaimsSet other = new JWTClaimsSet.Builder(real.getJWTClaimsSet()).claim("account_id", "someone-else")
                .build();
        String tampered = parts[0] + "." + Base64URL.encode(other.toString()) + "."
                + parts[2];
        assertThatThrownBy(() -> verifier("orders-read").process(tampered, null))
                .isInstanceOf(BadJOSEException.class);

        // Signed with a key of the forger's own under the gateway's key id.
        ECKey forger = new ECKeyGenerator(Curve.P_256).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(forger.getKeyID())
                .type(JOSEObjectType.JWT).build(), real.getJWTClaimsSet());
        forged.sign(new ECDSASigner(forger));
        assertThatThrownBy(() -> verifier("orders-read").process(forged.serialize(), null))
                .isInstanceOf(BadJOSEException.class);

        // A genuine assertion, signed by the gateway's signer ten minutes ago: expired.
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        ProxyProperties settings = new ProxyProperties(List.of(), List.of(), true,
                new ProxyProperties.Assertion("migma-gateway", Duration.ofMinutes(5), Duration.ofHours(24)));
        String old = new AssertionSigner(signingKeys, settings, past).assertion(
                new ApiKeySnapshot("abcdefgh", UUID.randomUUID(), KeyEnvironment.TEST, Set.of(), null, null, null,
                        Instant.now()),
                "pro", "orders-read");
        assertThatThrownBy(() -> verifier("orders-read").process(old, null)).isInstanceOf(BadJWTException.class)
                .hasMessageContaining("Expired");
    }

    @Test
    void refusedRequestsNeverReachTheUpstream() {
        assertThat(gateway.get("/orders/items").status()).isEqualTo(401);
        assertThat(gateway.getWithKey("/orders/items", "mgma_sk_test_notakey").status()).isEqualTo(401);
        Reply forbidden = gateway.getWithKey("/orders/items", keyWith("files:transfer"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asString()).isEqualTo("Insufficient permissions");
        // Reading is not writing: the write route wants orders:write.
        assertThat(gateway.call("POST", "/orders/items", keyWith("orders:read"), Map.of("sku", "x")).status())
                .isEqualTo(403);
        assertThat(gateway.call("TRACE", "/orders/items", keyWith("orders:read"), null).status()).isIn(405, 400);

        String limited = keyWith("orders:read");
        for (int i = 0; i < 3; i++) {
            Reply admitted = gateway.getWithKey("/limited/thing", limited);
            assertThat(admitted.status()).isEqualTo(200);
            assertThat(admitted.header("RateLimit-Policy")).startsWith("\"route\";q=3");
        }
        Reply refused = gateway.getWithKey("/limited/thing", limited);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.header("Retry-After")).isNotBlank();

        assertThat(UPSTREAM.seen()).hasSize(3).allMatch(seen -> seen.rawPath().equals("/api/limited/thing"));
    }

    @Test
    void aRoutesOwnBudgetIsPerAccountBesideThePlans() {
        String first = keyWith("orders:read");
        String second = keyWith("orders:read");
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.getWithKey("/limited/x", first).status()).isEqualTo(200);
        }
        assertThat(gateway.getWithKey("/limited/x", first).status()).isEqualTo(429);
        // Another account has its own; and the same key's other routes are not affected.
        assertThat(gateway.getWithKey("/limited/x", second).status()).isEqualTo(200);
        Reply other = gateway.getWithKey("/orders/items", first);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("RateLimit-Policy")).startsWith("\"account\"");
    }

    @Test
    void anUnreachableUpstreamIs502AndASilentOne504InTheEnvelopeAndCountedAsServerErrors() {
        JsonNode created = gateway.createKey(gateway.createAccount("pro", null), "test");
        String key = created.get("key").asString();

        Reply unreachable = gateway.getWithKey("/down/anything", key);
        assertThat(unreachable.status()).isEqualTo(502);
        assertThat(unreachable.json().get("success").asBoolean()).isFalse();
        assertThat(unreachable.json().get("code").asString()).isEqualTo("bad_gateway");
        assertThat(unreachable.header("X-Request-Id")).startsWith("req_");
        assertThat(unreachable.header("X-RateLimit-Limit")).isNotBlank();

        long started = System.nanoTime();
        Reply silent = gateway.getWithKey("/slow/anything", key);
        assertThat(silent.status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        assertThat(silent.json().get("code").asString()).isEqualTo("gateway_timeout");
        assertThat(silent.json().get("error").asString()).contains("did not answer in time");

        // Recorded once the response is complete, which the client may see first: flushed until both are there.
        long deadline = System.nanoTime() + 5_000_000_000L;
        long serverErrors;
        do {
            usage.flush();
            serverErrors = jdbc.queryForObject("select coalesce(sum(server_errors), 0) from api_key_usage "
                    + "where key_id = ?", Long.class, created.get("id").asString());
        } while (serverErrors < 2 && System.nanoTime() < deadline);
        assertThat(serverErrors).isEqualTo(2);
    }

    @Test
    void aBodyOverTheRoutesLimitIs413WhetherDeclaredOrChunked() throws Exception {
        String key = keyWith();
        Reply declared = gateway.send("POST", "/small/upload/x", "y".repeat(2048), "Authorization", "Bearer " + key);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("code").asString()).isEqualTo("validation_error");

        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.port() + "/small/upload/x")).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(4096))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(GatewayClient.parse(chunked.body()).get("error").asString()).contains("larger than");
        assertThat(gateway.send("POST", "/small/upload/x", "y".repeat(512), "Authorization", "Bearer " + key)
                .status()).isEqualTo(200);
    }

    @Test
    void anUpstreamCannotSetTheDashboardsSessionCookie() {
        Reply reply = gateway.getWithKey("/files/cookies", keyWith("files:transfer"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Set-Cookie")).containsExactly("theme=dark; Path=/");
    }

    @Test
    void authorizationReachesTheUpstreamOnlyWhereTheRouteSaysSo() {
        String key = keyWith();
        assertThat(gateway.getWithKey("/keyed/x", key).status()).isEqualTo(200);
        assertThat(UPSTREAM.seen().get(0).header("Authorization")).isEqualTo("Bearer " + key);
    }

    @Test
    void bodiesAndStatusesPassThrough() {
        String key = keyWith("orders:write");
        Reply created = gateway.call("POST", "/orders/items", key, Map.of("sku", "abc", "quantity", 2));
        assertThat(created.status()).isEqualTo(200);
        Seen seen = UPSTREAM.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.bodyBytes()).isEqualTo(GatewayClient.json(Map.of("sku", "abc", "quantity", 2)).length());
        assertThat(created.json().get("bytes").asLong()).isEqualTo(seen.bodyBytes());
        assertThat(seen.header("Content-Length")).isEqualTo(Long.toString(seen.bodyBytes()));
        Reply form = gateway.send("PUT", "/orders/items/1", "a=1&b=2", "Authorization", "Bearer " + key,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.json().get("bytes").asLong()).isEqualTo(7);
        assertThat(gateway.getWithKey("/orders/missing", keyWith("orders:read")).status()).isEqualTo(404);
    }

    @Test
    void anOperatorsScopeIsOfferedAndGrantedThroughTheDashboard() {
        String account = gateway.createAccount("pro", null);
        String email = "operator-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(account, email, "correct horse battery");
        DashboardSession owner = new DashboardSession(gateway::port);
        owner.login(email, "correct horse battery");

        String page = owner.get(DASHBOARD).body();
        assertThat(page).contains("value=\"orders:read\"", "Read your orders", "value=\"orders:write\"",
                "value=\"files:transfer\"", "value=\"audience:read\"");
        HttpResponse<String> created = owner.post("/dashboard/api-keys", Map.of("name", "Orders reader",
                "environment", "test", "permissions", "orders:read"), DASHBOARD, true);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = created.body().replaceAll("(?s).*id=\"revealed-key\" type=\"text\" readonly "
                + "spellcheck=\"false\" value=\"([^\"]+)\".*", "$1");

        assertThat(gateway.getWithKey("/orders/items", key).status()).isEqualTo(200);
        assertThat(UPSTREAM.seen().get(0).header("X-Migma-Permissions")).isEqualTo("orders:read");
        assertThat(gateway.call("DELETE", "/orders/items/1", key, null).status()).isEqualTo(403);
        // A scope nobody configured is refused as before.
        assertThat(gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys", Map.of("name", "x",
                "environment", "test", "permissions", List.of("orders:delete"))).status()).isEqualTo(400);
    }

    @Test
    void aGigabyteUploadStreamsThroughWithTheHeapFlat() throws Exception {
        String key = keyWith("files:transfer");
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        UPSTREAM.onUploadProgress(received -> {
            if (received >= GIGABYTE / 2 && halfway.getCount() > 0) {
                halfway.countDown();
                TestUpstream.await(measured);
            }
        });
        try {
            long before = heapAfterGc();
            CompletableFuture<HttpResponse<String>> response = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/files/upload/big.bin"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> zeros(GIGABYTE)), GIGABYTE))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // Half the body is at the upstream, half still at the client: a gateway that buffered would hold it.
            TestUpstream.await(halfway);
            long during = heapAfterGc();
            measured.countDown();
            HttpResponse<String> done = response.get(3, TimeUnit.MINUTES);

            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(GatewayClient.parse(done.body()).get("bytes").asLong()).isEqualTo(GIGABYTE);
            log.info("Upload of 1 GiB: heap {} MB before, {} MB with half of it through", before >> 20, during >> 20);
            assertThat(during - before).as("heap grown while half a gigabyte was in flight")
                    .isLessThan(HEAP_BOUND);
        } finally {
            measured.countDown();
            UPSTREAM.onUploadProgress(received -> { });
        }
    }

    @Test
    void aGigabyteDownloadStreamsThroughWithTheHeapFlat() throws Exception {
        String key = keyWith("files:transfer");
        long before = heapAfterGc();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.port() + "/files/download/big.bin?bytes=" + GIGABYTE))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < GIGABYTE / 2) {
                int n = body.read(buffer);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            // The client stops reading halfway: the upstream must wait, not the gateway's heap fill up.
            long during = heapAfterGc();
            for (int n; (n = body.read(buffer)) >= 0; ) {
                read += n;
            }

            log.info("Download of 1 GiB: heap {} MB before, {} MB with the client paused halfway", before >> 20,
                    during >> 20);
            assertThat(read).isEqualTo(GIGABYTE);
            assertThat(during - before).as("heap grown while the client paused halfway").isLessThan(HEAP_BOUND);
        }
    }

    private static final long GIGABYTE = 1L << 30;
    /** Far below the half gigabyte a buffering gateway would hold at the moment of measuring. */
    private static final long HEAP_BOUND = 128L << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String DASHBOARD = "/dashboard/settings/api-integration";

    /** Used heap after a full collection: what is still referenced, not garbage waiting. */
    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private DefaultJWTProcessor<SecurityContext> verifier(String audience) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        URL jwks = URI.create("http://127.0.0.1:" + gateway.port() + JwksController.PATH).toURL();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(jwks).retrying(false).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer("migma-gateway").build(),
                Set.of("sub", "exp", "iat", "account_id", "key_id", "environment", "plan", "scope")));
        return processor;
    }
}
