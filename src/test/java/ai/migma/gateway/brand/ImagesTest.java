package ai.migma.gateway.brand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code images} resource over HTTP with its request bodies: {@code add}, {@code update},
 * {@code remove} (the image named by its URL) and {@code updateLogos}, answered as {@code ProjectImage},
 * {@code MessageResponse} and {@code LogosResponse} declare; and the primary logo in the next generated email.
 */
@GatewayTest
class ImagesTest {

    private static final String COAT = "https://cdn.example.com/images/coat.jpg?v=2&size=large";

    @Autowired
    GatewayClient gateway;
    Tenant tenant;
    String images;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("project:write", "email:send", "email:read");
        images = "/v1/projects/" + tenant.project() + "/images";
    }

    private Reply add(Map<String, Object> body) {
        return gateway.call("POST", images, tenant.key(), body);
    }

    private static String query(String url) {
        return "?imageUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @Test
    void addsAnImageWithTheSdkShape() {
        Reply reply = add(Map.of("url", COAT, "description", "Wool coat, front", "tags", List.of("coat", "Coat",
                "autumn")));

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        JsonNode image = reply.json().get("data");
        assertThat(image.get("url").asString()).isEqualTo(COAT);
        assertThat(image.get("description").asString()).isEqualTo("Wool coat, front");
        assertThat(image.get("tags").valueStream().map(JsonNode::asString)).containsExactly("coat", "autumn");
    }

    @Test
    void leavesTheDescriptionAbsentWhenThereIsNone() {
        JsonNode image = add(Map.of("url", COAT)).json().get("data");

        assertThat(image.has("description")).isFalse();
        assertThat(image.get("tags").isArray()).isTrue();
        assertThat(image.get("tags")).isEmpty();
    }

    @Test
    void rejectsASecondImageWithTheSameUrlWith409() {
        add(Map.of("url", COAT));

        Reply again = add(Map.of("url", COAT, "description", "again"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("conflict");
    }

    @Test
    void rejectsUrlsThatAreNotHttpWith400() {
        for (String url : List.of("ftp://cdn.example.com/a.png", "javascript:alert(1)", "cdn.example.com/a.png",
                "https://", "data:image/png;base64,AAAA")) {
            Reply reply = add(Map.of("url", url));
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).startsWith("url must be an http(s) URL");
        }
        assertThat(add(Map.of()).json().get("error").asString()).isEqualTo("url must not be blank");
        assertThat(add(Map.of("url", "https://a.example/" + "x".repeat(2048))).status()).isEqualTo(400);
        assertThat(add(Map.of("url", COAT, "description", "x".repeat(1001))).status()).isEqualTo(400);
        assertThat(add(Map.of("url", COAT, "tags", List.of(" "))).json().get("error").asString())
                .isEqualTo("tags[0] must be 1 to 50 characters");
    }

    @Test
    void updatesTheImageNamedByItsUrl() {
        add(Map.of("url", COAT, "description", "Old", "tags", List.of("a")));

        Reply reply = gateway.call("PUT", images, tenant.key(), Map.of("imageUrl", COAT, "tags", List.of("b")));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().at("/data/url").asString()).isEqualTo(COAT);
        assertThat(reply.json().at("/data/description").asString()).isEqualTo("Old");
        assertThat(reply.json().at("/data/tags/0").asString()).isEqualTo("b");
        Reply cleared = gateway.call("PUT", images, tenant.key(), Map.of("imageUrl", COAT, "description", ""));
        assertThat(cleared.json().get("data").has("description")).isFalse();
        assertThat(gateway.call("PUT", images, tenant.key(), Map.of("imageUrl", COAT)).status()).isEqualTo(400);
        assertThat(gateway.call("PUT", images, tenant.key(), Map.of("imageUrl", COAT + "-other",
                "description", "x")).status()).isEqualTo(404);
    }

    @Test
    void removesTheImageNamedInTheQuery() {
        add(Map.of("url", COAT));

        Reply reply = gateway.call("DELETE", images + query(COAT), tenant.key(), null);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().at("/data/message").isString()).isTrue();
        assertThat(gateway.call("DELETE", images + query(COAT), tenant.key(), null).status()).isEqualTo(404);
        assertThat(gateway.call("DELETE", images, tenant.key(), null).json().get("error").asString())
                .isEqualTo("imageUrl must not be blank");
        assertThat(add(Map.of("url", COAT)).status()).isEqualTo(201);
    }

    @Test
    void updatesLogosLeavingAbsentOnesAndRemovingNullOnes() {
        String logos = "/v1/projects/" + tenant.project() + "/logos";
        Reply first = gateway.call("PUT", logos, tenant.key(), Map.of("primary", "https://cdn.example.com/p.png",
                "favicon", "https://cdn.example.com/f.ico"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().at("/data/logoUrls/primary").asString()).isEqualTo("https://cdn.example.com/p.png");

        Map<String, Object> change = new HashMap<>();
        change.put("secondary", "https://cdn.example.com/s.png");
        change.put("favicon", null);
        JsonNode logoUrls = gateway.call("PUT", logos, tenant.key(), change).json().at("/data/logoUrls");

        assertThat(logoUrls.propertyNames()).containsExactlyInAnyOrder("primary", "secondary");
        assertThat(logoUrls.get("primary").asString()).isEqualTo("https://cdn.example.com/p.png");
        assertThat(logoUrls.get("secondary").asString()).isEqualTo("https://cdn.example.com/s.png");
        JsonNode project = gateway.getWithKey("/v1/projects/" + tenant.project(), tenant.key()).json().get("data");
        assertThat(project.get("logoUrls")).isEqualTo(logoUrls);

        Map<String, Object> none = new HashMap<>();
        none.put("primary", null);
        none.put("secondary", null);
        JsonNode empty = gateway.call("PUT", logos, tenant.key(), none).json().at("/data/logoUrls");
        assertThat(empty.isObject()).isTrue();
        assertThat(empty).isEmpty();
        assertThat(gateway.getWithKey("/v1/projects/" + tenant.project(), tenant.key()).json().get("data")
                .has("logoUrls")).isFalse();
    }

    @Test
    void rejectsLogosThatAreNotHttpOrNotLogosWith400() {
        String logos = "/v1/projects/" + tenant.project() + "/logos";

        Reply notHttp = gateway.call("PUT", logos, tenant.key(), Map.of("primary", "file:///etc/passwd"));
        Reply notALogo = gateway.call("PUT", logos, tenant.key(), Map.of("banner", "https://cdn.example.com/b.png"));

        assertThat(notHttp.status()).isEqualTo(400);
        assertThat(notHttp.json().get("error").asString()).startsWith("primary must be an http(s) URL");
        assertThat(notALogo.status()).isEqualTo(400);
        assertThat(notALogo.json().get("error").asString()).contains("primary, secondary and favicon");
    }

    @Test
    void theNextGeneratedEmailShowsTheNewPrimaryLogo() {
        String logo = "https://cdn.example.com/brand/new-logo.png";
        assertThat(gateway.call("PUT", "/v1/projects/" + tenant.project() + "/logos", tenant.key(),
                Map.of("primary", logo)).status()).isEqualTo(200);

        Reply started = gateway.call("POST", "/v1/projects/emails/generate", tenant.key(), Map.of("projectId",
                tenant.project(), "prompt", "Announce our winter sale. Everything is 30% off."));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        Reply done = gateway.pollUntil("/v1/projects/emails/" + started.json().at("/data/conversationId").asString()
                + "/status", tenant.key(), "/data/status", "completed", "failed");

        assertThat(done.json().at("/data/status").asString()).isEqualTo("completed");
        assertThat(done.json().at("/data/result/html").asString()).contains("src=\"" + logo + "\"");
    }

    @Test
    void writingNeedsProjectWrite() {
        String readOnly = gateway.createKey(tenant.account(), "test", "email:read").get("key").asString();

        assertThat(gateway.call("POST", images, readOnly, Map.of("url", COAT)).status()).isEqualTo(403);
        assertThat(gateway.call("PUT", "/v1/projects/" + tenant.project() + "/logos", readOnly,
                Map.of("primary", COAT)).status()).isEqualTo(403);
    }

    @Test
    void anotherAccountsProjectAndImagesAre404() {
        add(Map.of("url", COAT));
        Tenant other = gateway.tenant("project:write");

        assertThat(gateway.call("POST", images, other.key(), Map.of("url", COAT + "x")).status()).isEqualTo(404);
        assertThat(gateway.call("PUT", images, other.key(), Map.of("imageUrl", COAT, "description", "x")).status())
                .isEqualTo(404);
        assertThat(gateway.call("DELETE", images + query(COAT), other.key(), null).status()).isEqualTo(404);
        assertThat(gateway.call("PUT", "/v1/projects/" + tenant.project() + "/logos", other.key(),
                Map.of("primary", COAT)).status()).isEqualTo(404);
        String theirs = "/v1/projects/" + other.project() + "/images";
        assertThat(gateway.call("DELETE", theirs + query(COAT), other.key(), null).status()).isEqualTo(404);
        assertThat(gateway.call("PUT", images, tenant.key(), Map.of("imageUrl", COAT, "description", "still mine"))
                .status()).isEqualTo(200);
    }
}
