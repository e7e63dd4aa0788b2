package ai.migma.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import ai.migma.gateway.support.WebhookReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code emails.generate}, {@code getGenerationStatus}, {@code generateAndWait} and {@code sendTest},
 * and {@code sending.send} by conversation, over HTTP with the SDK's request bodies; the answers as the SDK's
 * {@code GenerateEmailResponse}, {@code EmailGenerationStatus}, {@code SendTestEmailResponse} and
 * {@code SendEmailResponse} declare them.
 */
@GatewayTest
class EmailGenerationTest {

    private static final String PROMPT = "Create a launch email for our autumn collection. Warm coats are 20% off "
            + "until Sunday.";

    @Autowired
    GatewayClient gateway;
    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("email:send", "email:read", "webhook:write", "project:write");
    }

    private Reply generate(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("projectId", tenant.project(), "prompt", PROMPT));
        body.putAll(fields);
        return gateway.call("POST", "/v1/projects/emails/generate", tenant.key(), body);
    }

    private JsonNode generateAndWait(Map<String, Object> fields) {
        Reply started = generate(fields);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        Reply done = gateway.pollUntil("/v1/projects/emails/" + started.json().at("/data/conversationId").asString()
                + "/status", tenant.key(), "/data/status", "completed", "failed");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json().get("data");
    }

    @Test
    void startsAGenerationWithTheSdksResponse() {
        JsonNode data = generate(Map.of("languages", List.of("en"), "visibility", "private")).json().get("data");

        assertThat(data.get("conversationId").asString()).isNotBlank();
        assertThat(data.get("status").asString()).isEqualTo("pending");
        assertThat(data.get("message").isString()).isTrue();
        assertThat(data.get("link").asString()).startsWith("http://").contains(data.get("conversationId").asString());
    }

    @Test
    void completesWithAWellFormedEmailOfTheProject() {
        JsonNode status = generateAndWait(Map.of("images", List.of(Map.of("source", Map.of("type", "url",
                "url", "https://cdn.example.com/coat.jpg")))));

        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.get("createdAt").isString()).isTrue();
        assertThat(status.get("updatedAt").isString()).isTrue();
        assertThat(status.has("error")).isFalse();
        JsonNode result = status.get("result");
        assertThat(result.get("subject").asString()).isEqualTo("Launch email for our autumn collection");
        assertThat(result.get("previewText").asString()).startsWith("Shop · ");
        assertThat(result.get("screenshotUrl").isNull()).isTrue();
        assertThat(result.get("screenshotFullUrl").isNull()).isTrue();
        assertThat(result.at("/stats/imageCount").asInt()).isEqualTo(1);
        assertThat(result.at("/stats/buttonCount").isNumber()).isTrue();
        assertThat(result.at("/stats/estimatedLength").asString()).isEqualTo("short");
        assertThat(result.at("/stats/colors").values())
                .allSatisfy(colour -> assertThat(colour.asString()).matches("#[0-9a-f]{6}"));
        assertThat(result.get("languages").values()).extracting(JsonNode::asString).containsExactly("en");

        Document html = Jsoup.parse(result.get("html").asString());
        assertThat(html.title()).isEqualTo("Launch email for our autumn collection");
        assertThat(html.select("h1").text()).isEqualTo("Launch email for our autumn collection");
        assertThat(html.body().text()).contains("Shop", "Warm coats are 20% off until Sunday.");
        assertThat(html.select("img[src=https://cdn.example.com/coat.jpg]")).hasSize(1);
        assertThat(html.select("a:contains(Unsubscribe)").attr("href")).isEqualTo("{{unsubscribe_url}}");
    }

    @Test
    void theSamePromptForTheSameProjectGivesTheSameEmail() {
        JsonNode first = generateAndWait(Map.of()).get("result");
        JsonNode second = generateAndWait(Map.of()).get("result");

        assertThat(second).isEqualTo(first);
        assertThat(generateAndWait(Map.of("prompt", "Write a thank-you note.")).at("/result/html").asString())
                .isNotEqualTo(first.get("html").asString());
    }

    @Test
    void failsForAProjectWhoseImportFailed() {
        String broken = gateway.call("POST", "/v1/projects/import", tenant.key(), Map.of("urls", List.of("nope")))
                .json().at("/data/projectId").asString();
        gateway.pollUntil("/v1/projects/import/" + broken + "/status", tenant.key(), "/data/status", "error");

        JsonNode status = generateAndWait(Map.of("projectId", broken));

        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(status.get("error").asString()).contains("not ready");
        assertThat(status.has("result")).isFalse();
    }

    @Test
    void recordsATestSendOfACompletedEmailAndAnnouncesIt() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(gateway.call("POST", "/v1/webhooks", tenant.key(), Map.of("url", receiver.url(),
                    "events", List.of("email.test.sent"))).status()).isEqualTo(201);
            String conversation = generateAndWait(Map.of()).get("conversationId").asString();

            Reply sent = gateway.call("POST", "/v1/emails/test/send", tenant.key(), Map.of("conversationId",
                    conversation, "to", "qa@example.com"));

            assertThat(sent.status()).as(sent.text()).isEqualTo(200);
            JsonNode data = sent.json().get("data");
            assertThat(data.get("messageId").asString()).isNotBlank();
            assertThat(data.get("conversationId").asString()).isEqualTo(conversation);
            assertThat(data.get("sentTo").asString()).isEqualTo("qa@example.com");
            assertThat(data.get("sentAt").isString()).isTrue();
            assertThat(data.get("subject").asString()).isEqualTo("Launch email for our autumn collection");
            JsonNode event = GatewayClient.parse(receiver.next(Duration.ofSeconds(10)).text());
            assertThat(event.get("type").asString()).isEqualTo("email.test.sent");
            assertThat(event.at("/data/messageId").asString()).isEqualTo(data.get("messageId").asString());
        }
    }

    @Test
    void announcesTheStagesOfAGenerationToWebhooks() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(gateway.call("POST", "/v1/webhooks", tenant.key(), Map.of("url", receiver.url(),
                    "events", List.of("email.generation.started", "email.generation.completed",
                            "email.generation.failed"))).status()).isEqualTo(201);

            String conversation = generateAndWait(Map.of()).get("conversationId").asString();

            JsonNode first = GatewayClient.parse(receiver.next(Duration.ofSeconds(10)).text());
            JsonNode second = GatewayClient.parse(receiver.next(Duration.ofSeconds(10)).text());
            assertThat(List.of(first.get("type").asString(), second.get("type").asString()))
                    .containsExactlyInAnyOrder("email.generation.started", "email.generation.completed");
            assertThat(first.at("/data/conversationId").asString()).isEqualTo(conversation);
        }
    }

    @Test
    void aTestSendOfAnEmailNotGeneratedIsAConflict() {
        String broken = gateway.call("POST", "/v1/projects/import", tenant.key(), Map.of("urls", List.of("nope")))
                .json().at("/data/projectId").asString();
        gateway.pollUntil("/v1/projects/import/" + broken + "/status", tenant.key(), "/data/status", "error");
        String failed = generateAndWait(Map.of("projectId", broken)).get("conversationId").asString();

        Reply reply = gateway.call("POST", "/v1/emails/test/send", tenant.key(), Map.of("conversationId", failed,
                "to", "qa@example.com"));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("error").asString()).contains("not generated yet");
    }

    @Test
    void sendsAGeneratedEmailByItsConversationAlone() {
        String conversation = generateAndWait(Map.of()).get("conversationId").asString();

        Reply sent = gateway.call("POST", "/v1/sending", tenant.key(), Map.of("recipientType", "email",
                "recipientEmail", "someone@example.org", "from", "news@shop.example", "fromName", "Shop",
                "subject", "Autumn is here", "conversationId", conversation));

        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.json().at("/data/provider").asString()).isEqualTo("migma");
        Reply batch = gateway.pollUntil("/v1/sending/batches/" + sent.json().at("/data/id").asString(),
                tenant.key(), "/data/status", "completed", "failed");
        assertThat(batch.json().at("/data/status").asString()).isEqualTo("completed");
        assertThat(batch.json().at("/data/sentCount").asInt()).isEqualTo(1);
    }

    @Test
    void anotherAccountsConversationIsNotFound() {
        String conversation = generateAndWait(Map.of()).get("conversationId").asString();
        Tenant other = gateway.tenant("email:send", "email:read");

        assertThat(gateway.getWithKey("/v1/projects/emails/" + conversation + "/status", other.key()).status())
                .isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/emails/test/send", other.key(), Map.of("conversationId",
                conversation, "to", "qa@example.com")).status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/sending", other.key(), Map.of("recipientType", "email",
                "recipientEmail", "x@example.org", "from", "a@b.example", "fromName", "A", "subject", "S",
                "conversationId", conversation)).status()).isEqualTo(404);
    }

    @Test
    void refusesAGenerationItCannotStart() {
        assertThat(generate(Map.of("prompt", " ")).status()).isEqualTo(400);
        assertThat(generate(Map.of("visibility", "secret")).status()).isEqualTo(400);
        assertThat(generate(Map.of("languages", List.of("english!"))).status()).isEqualTo(400);
        assertThat(generate(Map.of("images", List.of(Map.of("source", Map.of("type", "file", "url", "x")))))
                .status()).isEqualTo(400);
        assertThat(generate(Map.of("projectId", "")).json().get("error").asString())
                .isEqualTo("projectId is required");
    }
}
