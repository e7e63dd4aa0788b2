package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Hostile and broken input: every answer is a JSON 4xx, never a 5xx and never anything but the envelope. */
@GatewayTest
class InputHardeningTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GatewayClient gateway;

    @Autowired
    Environment environment;

    @Test
    void thousandsOfFuzzedAuthorizationHeadersGetOnlyJson401() throws IOException {
        Random random = new Random(20261126);
        String valid = gateway.newTestKey();
        for (int i = 0; i < 2_000; i++) {
            String header = fuzzedAuthorization(random, valid);
            RawHttp.Response response = RawHttp.send(port(), "GET /v1/projects HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + header + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as("case %d", i).isIn(400, 401);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("success").asBoolean()).isFalse();
            if (response.status() == 401) {
                assertThat(body.get("error").asString()).isEqualTo("Invalid or missing API key");
            }
        }
    }

    @Test
    void headersOverTheLimitAndBrokenRequestsGetJson400FromTomcatItself() throws IOException {
        RawHttp.Response huge = RawHttp.send(port(), "GET /v1/projects HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(JSON.readTree(huge.body()).get("code").asString()).isEqualTo("validation_error");
        assertThat(huge.headers()).containsIgnoringCase("X-Request-Id: req_");

        RawHttp.Response broken = RawHttp.send(port(), "GET /v1/pro\u0001jects HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(JSON.readTree(broken.body()).get("success").asBoolean()).isFalse();
    }

    @Test
    void pathTricksGetJson4xxAndNeverReachTheAdminApi() throws IOException {
        String key = gateway.newTestKey();
        for (String path : new String[] {"/v1/projects/%00", "/v1/%2e%2e/admin/v1/accounts", "/v1/../admin/v1/accounts",
                "/v1/projects/..%2f..%2fadmin", "/v1/projects;x=1", "/v1//projects", "/v1/projects/%ff",
                "/v1/projects/%2F"}) {
            RawHttp.Response response = RawHttp.send(port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + key + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(JSON.readTree(response.body()).get("success").asBoolean()).as(path).isFalse();
        }
    }

    /** The API chain matches decoded paths as Spring MVC routes them: an encoded "/v1" is still the API. */
    @Test
    void anEncodedApiPathStillNeedsAKey() throws IOException {
        for (String path : new String[] {"/%761/webhooks/events", "/v%31/projects", "/%76%31/webhooks/events"}) {
            RawHttp.Response response = RawHttp.send(port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("code").asString()).as(path).isEqualTo("unauthorized");
        }
    }

    @Test
    void bodiesOverTheLimitGet413Json() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"plan\":\"free\"}";
        GatewayClient.Reply declared = gateway.send("POST", "/admin/v1/accounts", big, "Authorization",
                "Bearer " + GatewayClient.ADMIN_TOKEN, "Content-Type", "application/json");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("success").asBoolean()).isFalse();

        // No Content-Length: the body streams in chunks and is cut off once past the limit.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/admin/v1/accounts"))
                .header("Authorization", "Bearer " + GatewayClient.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("success").asBoolean()).isFalse();
    }

    private static String fuzzedAuthorization(Random random, String valid) {
        return switch (random.nextInt(6)) {
            case 0 -> "Bearer " + randomChars(random, 1 + random.nextInt(100), 0x21, 0x7e);
            case 1 -> randomChars(random, random.nextInt(200), 0x01, 0xff).replace('\r', ' ').replace('\n', ' ');
            case 2 -> "Bearer " + mutate(random, valid);
            case 3 -> "Bearer " + ApiKeyFormat.generate(random.nextBoolean() ? KeyEnvironment.TEST
                    : KeyEnvironment.LIVE, new SecureRandom());
            case 4 -> "Bearer " + new String(Character.toChars(0x1F600 + random.nextInt(50))) + valid;
            default -> (random.nextBoolean() ? "Bearer" : "bearer") + " ".repeat(random.nextInt(3))
                    + valid.substring(0, random.nextInt(valid.length())) + " ".repeat(random.nextInt(3));
        };
    }

    private static String mutate(Random random, String key) {
        char[] chars = key.toCharArray();
        int at = random.nextInt(chars.length);
        char original = chars[at];
        while (chars[at] == original) {
            chars[at] = (char) (0x21 + random.nextInt(0x5e));
        }
        return new String(chars);
    }

    private static String randomChars(Random random, int length, int from, int to) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (from + random.nextInt(to - from + 1)));
        }
        return text.toString();
    }

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }
}
