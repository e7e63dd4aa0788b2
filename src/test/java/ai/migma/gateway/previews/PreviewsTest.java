package ai.migma.gateway.previews;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The SDK's {@code previews} resource over HTTP: catalogue, a preview's job, its devices and their images. */
@GatewayTest
class PreviewsTest {

    /** A red band across the top of the email, where every device's first screen shows it. */
    private static final String RED_BAND = "<html><body style=\"margin:0\"><div style=\"background-color:#ff0000;"
            + "height:200px\">Spring sale</div><p>Everything must go.</p></body></html>";
    private static final Set<String> DEVICE_CATEGORIES = Set.of("DESKTOP", "MOBILE", "WEB", "MISC");

    @Autowired
    GatewayClient gateway;
    Tenant tenant;

    @BeforeEach
    void tenantWithPreviewScope() {
        tenant = gateway.tenant("email:preview");
    }

    @Test
    void supportedDevicesAreListedByCategoryWithTheirKeys() {
        Reply reply = gateway.call("GET", "/v1/emails/devices/supported", tenant.key(), null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        JsonNode devices = data.get("devices");
        assertThat(data.get("total").asInt()).isEqualTo(devices.size()).isBetween(10, 14);
        Set<String> keys = new HashSet<>();
        for (JsonNode device : devices) {
            assertThat(device.get("key").isString()).isTrue();
            assertThat(device.get("name").isString()).isTrue();
            assertThat(DEVICE_CATEGORIES).contains(device.get("category").asString());
            keys.add(device.get("key").asString());
        }
        assertThat(keys).hasSize(devices.size()).contains("apple-mail-macos", "iphone-15-ios-mail", "gmail-chrome");
        JsonNode categories = data.get("categories");
        assertThat(categories.propertyNames()).containsExactlyInAnyOrder("desktop", "mobile", "web", "misc");
        int listed = 0;
        for (String category : List.of("desktop", "mobile", "web", "misc")) {
            for (JsonNode device : categories.get(category)) {
                assertThat(device.get("category").asString()).isEqualTo(category.toUpperCase());
                listed++;
            }
        }
        assertThat(listed).isEqualTo(devices.size());
        assertThat(categories.get("desktop").size()).isPositive();
        assertThat(categories.get("mobile").size()).isPositive();
        assertThat(categories.get("web").size()).isPositive();
    }

    @Test
    void previewCompletesDeviceByDeviceWithTheShapeTheSdkReads() {
        Reply created = create(Map.of("html", RED_BAND, "subject", "Sale", "name", "Spring",
                "devices", List.of("iphone-15-ios-mail", "gmail-chrome")));

        assertThat(created.status()).isEqualTo(200);
        JsonNode start = created.json().get("data");
        String id = start.get("previewId").asString();
        assertThat(id).hasSize(36);
        assertThat(start.get("status").asString()).isEqualTo("PROCESSING");
        assertThat(start.get("cached").asBoolean()).isFalse();
        assertThat(start.get("devices")).hasSize(2);
        for (JsonNode device : start.get("devices")) {
            assertThat(device.get("status").asString()).isEqualTo("PROCESSING");
            assertThat(device.get("screenshotUrl").isNull()).isTrue();
            assertThat(device.get("thumbnailUrl").isNull()).isTrue();
            assertThat(device.get("fullThumbnailUrl").isNull()).isTrue();
        }
        assertMetadata(start.get("metadata"), 2, 0, 0, 2);
        assertThat(start.at("/metadata/processingTime").isMissingNode()).isTrue();

        JsonNode done = pollUntilFinished(id);

        assertThat(done.get("previewId").asString()).isEqualTo(id);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertMetadata(done.get("metadata"), 2, 2, 0, 0);
        assertThat(done.at("/metadata/processingTime").isNumber()).isTrue();
        JsonNode devices = done.get("devices");
        assertThat(devices.valueStream().map(d -> d.get("deviceKey").asString()))
                .containsExactly("gmail-chrome", "iphone-15-ios-mail");
        JsonNode gmail = devices.get(0);
        assertThat(gmail.get("deviceName").asString()).isEqualTo("Gmail in Chrome");
        assertThat(gmail.get("client").asString()).isEqualTo("Gmail");
        assertThat(gmail.get("os").asString()).isNotBlank();
        assertThat(gmail.get("category").asString()).isEqualTo("WEB");
        assertThat(devices.get(1).get("category").asString()).isEqualTo("MOBILE");
        String base = "http://127.0.0.1:" + gateway.port() + "/v1/emails/previews/" + id + "/devices/";
        for (JsonNode device : devices) {
            String key = device.get("deviceKey").asString();
            assertThat(device.get("status").asString()).isEqualTo("SUCCESSFUL");
            assertThat(device.get("screenshotUrl").asString()).isEqualTo(base + key + "/screenshot.png");
            assertThat(device.get("thumbnailUrl").asString()).isEqualTo(base + key + "/thumbnail.png");
            assertThat(device.get("fullThumbnailUrl").asString()).isEqualTo(base + key + "/full-thumbnail.png");
            assertThat(device.get("processingTime").isNumber()).isTrue();
        }

        JsonNode status = gateway.call("GET", "/v1/emails/previews/" + id + "/status", tenant.key(), null).json()
                .get("data");
        assertThat(status.propertyNames()).containsExactlyInAnyOrder("previewId", "status", "metadata");
        assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(status.get("metadata")).isEqualTo(done.get("metadata"));
    }

    @Test
    void screenshotsArePngsOfTheDevicesWidthShowingTheEmailsColours() throws Exception {
        String id = create(Map.of("html", RED_BAND, "devices", List.of("iphone-15-ios-mail", "gmail-chrome")))
                .json().at("/data/previewId").asString();
        JsonNode devices = pollUntilFinished(id).get("devices");

        Map<String, Integer> widths = Map.of("gmail-chrome", 1280, "iphone-15-ios-mail", 393);
        for (JsonNode device : devices) {
            int width = widths.get(device.get("deviceKey").asString());
            HttpResponse<byte[]> screenshot = image(device.get("screenshotUrl").asString(), tenant.key());
            assertThat(screenshot.statusCode()).isEqualTo(200);
            assertThat(screenshot.headers().firstValue("Content-Type")).hasValue("image/png");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(screenshot.body()));
            assertThat(png.getWidth()).isEqualTo(width);
            assertThat(png.getRGB(width / 2, 100) & 0xffffff).isEqualTo(0xff0000);
            assertThat(png.getRGB(width / 2, png.getHeight() - 10) & 0xffffff).isEqualTo(0xffffff);

            BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                    image(device.get("thumbnailUrl").asString(), tenant.key()).body()));
            assertThat(thumbnail.getWidth()).isEqualTo(300);
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(
                    image(device.get("fullThumbnailUrl").asString(), tenant.key()).body()));
            assertThat(full.getWidth()).isEqualTo(width / 2);
        }
        String base = "http://127.0.0.1:" + gateway.port() + "/v1/emails/previews/" + id + "/devices/";
        assertThat(image(base + "gmail-chrome/original.png", tenant.key()).statusCode()).isEqualTo(404);
        assertThat(image(base + "apple-mail-macos/screenshot.png", tenant.key()).statusCode()).isEqualTo(404);
    }

    @Test
    void deviceRouteShowsOneDeviceOfThePreview() {
        String id = create(Map.of("html", RED_BAND, "devices", List.of("samsung-email-android")))
                .json().at("/data/previewId").asString();
        JsonNode listed = pollUntilFinished(id).at("/devices/0");

        Reply reply = gateway.call("GET", "/v1/emails/previews/" + id + "/devices/samsung-email-android",
                tenant.key(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("data").propertyNames()).containsExactly("device");
        assertThat(reply.json().at("/data/device")).isEqualTo(listed);
        assertThat(gateway.call("GET", "/v1/emails/previews/" + id + "/devices/gmail-android", tenant.key(), null)
                .status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/emails/previews/" + id + "/devices/no-such-device", tenant.key(), null)
                .status()).isEqualTo(404);
    }

    @Test
    void previewWithoutDevicesUsesTheDefaultSet() {
        JsonNode data = create(Map.of("html", RED_BAND)).json().get("data");

        assertThat(data.get("devices").valueStream().map(d -> d.get("deviceKey").asString()))
                .containsExactly("apple-mail-macos", "gmail-chrome", "iphone-15-ios-mail", "outlook-2021-windows");
        assertThat(data.at("/metadata/requestedDevices").asInt()).isEqualTo(4);
    }

    @Test
    void anotherAccountsPreviewIs404() {
        String id = create(Map.of("html", RED_BAND, "devices", List.of("iphone-se-ios-mail")))
                .json().at("/data/previewId").asString();
        pollUntilFinished(id);
        String other = gateway.tenant("email:preview").key();
        String path = "/v1/emails/previews/" + id;

        for (String route : List.of(path, path + "/status", path + "/devices/iphone-se-ios-mail")) {
            Reply reply = gateway.call("GET", route, other, null);
            assertThat(reply.status()).as(route).isEqualTo(404);
            assertThat(reply.json().get("error").asString()).isEqualTo("Preview not found");
        }
        String image = "http://127.0.0.1:" + gateway.port() + path + "/devices/iphone-se-ios-mail/screenshot.png";
        assertThat(image(image, other).statusCode()).isEqualTo(404);
        assertThat(image(image, tenant.key()).statusCode()).isEqualTo(200);
        assertThat(gateway.call("GET", "/v1/emails/previews/123", tenant.key(), null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/emails/previews/00000000-0000-0000-0000-000000000000", tenant.key(),
                null).status()).isEqualTo(404);
    }

    @Test
    void badPreviewRequestsAre400() {
        List<Map<String, Object>> bodies = List.of(Map.of(), Map.of("html", ""), Map.of("html", "   \n"),
                Map.of("html", "x".repeat(PreviewService.MAX_HTML_LENGTH + 1)),
                Map.of("html", RED_BAND, "devices", List.of()),
                Map.of("html", RED_BAND, "name", "n".repeat(201)),
                Map.of("html", RED_BAND, "subject", "s".repeat(501)));
        for (Map<String, Object> body : bodies) {
            Reply reply = create(body);
            assertThat(reply.status()).as(body.keySet().toString()).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        }
    }

    @Test
    void unknownDeviceIs400NamingTheValidKeys() {
        Reply reply = create(Map.of("html", RED_BAND, "devices", List.of("gmail-chrome", "nokia-3310")));

        assertThat(reply.status()).isEqualTo(400);
        String error = reply.json().get("error").asString();
        assertThat(error).contains("devices[1]", "apple-mail-macos", "iphone-15-ios-mail", "yahoo-mail-chrome")
                .doesNotContain("nokia");
    }

    @Test
    void keyWithoutPreviewScopeIsForbiddenEvenTheImages() {
        String id = create(Map.of("html", RED_BAND, "devices", List.of("iphone-se-ios-mail")))
                .json().at("/data/previewId").asString();
        pollUntilFinished(id);
        String reader = gateway.createKey(tenant.account(), "test", "email:read").get("key").asString();

        String image = "http://127.0.0.1:" + gateway.port() + "/v1/emails/previews/" + id
                + "/devices/iphone-se-ios-mail/screenshot.png";
        assertThat(image(image, reader).statusCode()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/emails/previews/" + id, reader, null).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/emails/devices/supported", reader, null).status()).isEqualTo(403);
        assertThat(create(Map.of("html", RED_BAND), reader).status()).isEqualTo(403);
    }

    private Reply create(Map<String, Object> body) {
        return create(body, tenant.key());
    }

    private Reply create(Map<String, Object> body, String key) {
        return gateway.call("POST", "/v1/emails/previews", key, body);
    }

    /** Polls as the SDK's {@code createAndWait} does, faster: the test profile runs steps back to back. */
    private JsonNode pollUntilFinished(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            Reply reply = gateway.call("GET", "/v1/emails/previews/" + id, tenant.key(), null);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode data = reply.json().get("data");
            if (!data.get("status").asString().equals("PROCESSING")) {
                return data;
            }
            assertThat(Instant.now()).as("preview finished within 20 s").isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void assertMetadata(JsonNode metadata, int requested, int completed, int failed,
            int processing) {
        assertThat(metadata.get("requestedDevices").asInt()).isEqualTo(requested);
        assertThat(metadata.get("completedDevices").asInt()).isEqualTo(completed);
        assertThat(metadata.get("failedDevices").asInt()).isEqualTo(failed);
        assertThat(metadata.get("processingDevices").asInt()).isEqualTo(processing);
    }

    /** Images are bytes: the gateway client reads text. */
    private static HttpResponse<byte[]> image(String url, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
