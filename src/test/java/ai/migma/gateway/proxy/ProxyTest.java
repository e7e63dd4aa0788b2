package ai.migma.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
                "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic c2VjcmV0", "X-Custom", "kept");

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
        String tampered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(other.toString()) + "."
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
                new ai.migma.gateway.apikey.ApiKeySnapshot("abcdefgh", java.util.UUID.randomUUID(),
                        ai.migma.gateway.apikey.KeyEnvironment.TEST, Set.of(), null, null, null, Instant.now()),
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

        usage.flush();
        assertThat(jdbc.queryForObject("select coalesce(sum(server_errors), 0) from api_key_usage where key_id = ?",
                Long.class, created.get("id").asString())).isEqualTo(2);
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
        Reply form = gateway.send("PUT", "/orders/items/1", "a=1&b=2", "Authorization", "Bearer " + key,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.json().get("bytes").asLong()).isEqualTo(7);
        assertThat(gateway.getWithKey("/orders/missing", keyWith("orders:read")).status()).isEqualTo(404);
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
