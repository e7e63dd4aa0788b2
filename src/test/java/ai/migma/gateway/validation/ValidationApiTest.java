package ai.migma.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five validation routes as the SDK's {@code validation} resource calls them: every field its response types
 * declare, with its JSON type; the same answer twice; refusals as JSON 400s.
 */
@GatewayTest
class ValidationApiTest {

    private static final String PATH = "/v1/emails/validate/";
    private static final String EMAIL = """
            <html><head><style>@media (max-width: 600px) { .col { width: 100% } }</style></head>
            <body><div style="display:flex"><p>Hi {{first_name}}, we will recieve your order soon. Limited time
            offer: 20% off with the coupon SAVE20, act now!</p>
            <a href="https://shop.example.com/sale">Shop the sale</a> <a href="http://example.com/blog">Click here</a>
            <a href="javascript:void(0)">Menu</a> <a href="mailto:help@shop.example.com">Help</a>
            <a href="{{unsubscribe_url}}">Unsubscribe</a></div></body></html>""";

    @Autowired
    GatewayClient gateway;
    String key;

    @BeforeEach
    void keyWithValidate() {
        key = gateway.tenant("email:validate").key();
    }

    private JsonNode ok(String route, Map<String, Object> body) {
        Reply reply = gateway.call("POST", PATH + route, key, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        return reply.json().get("data");
    }

    private void refused(String route, Object body, String error) {
        Reply reply = gateway.call("POST", PATH + route, key, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        assertThat(reply.json().get("error").asString()).isEqualTo(error);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static void numbers(JsonNode node, String... fields) {
        for (String field : fields) {
            assertThat(node.get(field)).as(field).isNotNull();
            assertThat(node.get(field).isNumber()).as(field + " is a number").isTrue();
        }
    }

    private static void strings(JsonNode node, String... fields) {
        for (String field : fields) {
            assertThat(node.get(field)).as(field).isNotNull();
            assertThat(node.get(field).isString()).as(field + " is a string").isTrue();
        }
    }

    private static void stringArrays(JsonNode node, String... fields) {
        for (String field : fields) {
            assertThat(node.get(field)).as(field).isNotNull();
            assertThat(node.get(field).isArray()).as(field + " is an array").isTrue();
            node.get(field).forEach(item -> assertThat(item.isString()).as(field + " holds strings").isTrue());
        }
    }

    private static void checkCompatibilityShape(JsonNode data) {
        assertThat(data.get("clientIssues").isObject()).isTrue();
        data.get("clientIssues").forEach(client -> {
            for (String level : List.of("errors", "warnings")) {
                assertThat(client.get(level).isArray()).isTrue();
                client.get(level).forEach(issue -> strings(issue, "feature", "message"));
            }
        });
        numbers(data.get("summary"), "totalErrors", "totalWarnings", "compatibilityScore");
        assertThat(data.get("supportedClients").isArray()).isTrue();
        data.get("supportedClients").forEach(client -> strings(client, "key", "name"));
        numbers(data.get("metadata"), "processingTime", "clientsTested");
    }

    private static void checkLinksShape(JsonNode data) {
        numbers(data, "totalLinks");
        assertThat(data.get("checkedLinks").isArray()).isTrue();
        data.get("checkedLinks").forEach(link -> {
            strings(link, "url", "status");
            assertThat(link.get("status").asString()).isIn("valid", "invalid", "skipped");
            assertThat(link.has("responseTime")).as("nothing is fetched, so no response time").isFalse();
            if (link.has("error")) {
                strings(link, "error");
            }
        });
        numbers(data.get("summary"), "brokenLinks", "unreachableLinks", "averageResponseTime");
        stringArrays(data, "recommendations");
        numbers(data.get("metadata"), "processingTime", "linksChecked", "linksSkipped");
    }

    private static void checkSpellingShape(JsonNode data) {
        numbers(data.get("summary"), "totalErrors");
        numbers(data.get("metadata"), "processingTime", "tokensUsed");
        strings(data.get("metadata"), "aiModel");
    }

    private static void checkDeliverabilityShape(JsonNode data) {
        JsonNode prediction = data.get("prediction");
        strings(prediction, "category", "reasoning");
        assertThat(prediction.get("category").asString()).isIn("inbox", "promotions", "spam");
        numbers(prediction, "confidence", "score");
        stringArrays(data.get("contentSignals"), "promotional", "transactional", "spam", "engagement");
        numbers(data.get("spamScore"), "score");
        stringArrays(data.get("spamScore"), "triggers", "recommendations");
        stringArrays(data.get("recommendations"), "critical", "important", "suggested");
        numbers(data.get("metadata"), "processingTime");
        strings(data.get("metadata"), "analysisType");
    }

    @Test
    void compatibilityAnswersWithTheSdkShapeAndFlagsFlexboxForOutlookOnWindows() {
        JsonNode data = ok("compatibility", body("html", EMAIL, "clients", List.of("outlook-windows", "gmail")));

        checkCompatibilityShape(data);
        assertThat(data.get("clientIssues").propertyNames()).containsExactly("gmail", "outlook-windows");
        JsonNode outlook = data.at("/clientIssues/outlook-windows/errors");
        assertThat(outlook.findValuesAsString("feature")).contains("css-display-flex", "css-at-media");
        assertThat(data.at("/clientIssues/gmail/errors").size()).isZero();
        assertThat(data.at("/clientIssues/gmail/warnings").findValuesAsString("feature"))
                .containsExactly("css-at-media", "html-style");
        assertThat(data.at("/metadata/clientsTested").asInt()).isEqualTo(2);
        assertThat(data.at("/supportedClients/1/key").asString()).isEqualTo("outlook-windows");
        assertThat(data.at("/supportedClients/1/name").asString()).isEqualTo("Outlook for Windows (2007-2019)");
    }

    @Test
    void linksAreReportedWithoutBeingFetched() {
        JsonNode data = ok("links", body("html", EMAIL, "timeout", 5000, "followRedirects", true));

        checkLinksShape(data);
        assertThat(data.get("totalLinks").asInt()).isEqualTo(5);
        assertThat(data.get("checkedLinks").findValuesAsString("status")).containsExactly("valid", "valid",
                "invalid", "skipped", "skipped");
        assertThat(data.at("/checkedLinks/0/host").asString()).isEqualTo("shop.example.com");
        assertThat(data.at("/checkedLinks/0/anchorText").asString()).isEqualTo("Shop the sale");
        assertThat(data.at("/checkedLinks/0").has("error")).isFalse();
        assertThat(data.at("/checkedLinks/2/error").asString()).contains("javascript:");
        assertThat(data.at("/summary/brokenLinks").asInt()).isEqualTo(1);
        assertThat(data.at("/summary/unreachableLinks").asInt()).isZero();
        assertThat(data.at("/metadata/linksChecked").asInt()).isEqualTo(3);
        assertThat(data.at("/metadata/linksSkipped").asInt()).isEqualTo(2);
        assertThat(data.get("recommendations").toString()).contains("Use https for 1 link: http://example.com/blog");
    }

    @Test
    void spellingFindsTheMisspellingWithASuggestion() {
        JsonNode data = ok("spelling", body("html", EMAIL, "languages", List.of("en-US"), "checkGrammar", true));

        checkSpellingShape(data);
        assertThat(data.at("/summary/totalErrors").asInt()).isEqualTo(1);
        assertThat(data.at("/errors/0/word").asString()).isEqualTo("recieve");
        assertThat(data.at("/errors/0/suggestions/0").asString()).isEqualTo("receive");
        assertThat(data.at("/metadata/aiModel").asString()).startsWith("none: word list");
        assertThat(data.at("/metadata/tokensUsed").asInt()).isZero();
    }

    @Test
    void deliverabilityPredictsACategoryFromTheEmailAndItsSender() {
        JsonNode data = ok("deliverability", body("html", EMAIL, "subject", "LAST CHANCE!!", "fromName", "Shop",
                "fromEmail", "news@shop.example.com"));

        checkDeliverabilityShape(data);
        assertThat(data.at("/contentSignals/spam/0").asString()).isEqualTo("act now");
        assertThat(data.at("/spamScore/triggers").toString()).contains("subject in capitals",
                "exclamation marks in the subject");
        assertThat(data.at("/metadata/analysisType").asString()).isEqualTo("rule-based");
        assertThat(data.at("/prediction/score").asInt()).isEqualTo(100 - data.at("/spamScore/score").asInt());
    }

    @Test
    void allRunsEveryCheckByDefaultAndMergesTheirResults() {
        JsonNode data = ok("all", body("html", EMAIL, "subject", "Your order"));

        numbers(data, "overallScore");
        checkCompatibilityShape(data.get("compatibility"));
        checkLinksShape(data.get("linkAnalysis"));
        checkSpellingShape(data.get("spelling"));
        checkDeliverabilityShape(data.get("deliverability"));
        numbers(data.get("summary"), "criticalIssues", "warnings");
        stringArrays(data.get("summary"), "passed", "failed");
        stringArrays(data.get("recommendations"), "critical", "important", "suggested");
        numbers(data.get("metadata"), "totalProcessingTime");
        stringArrays(data.get("metadata"), "checksPerformed");
        assertThat(data.at("/metadata/checksPerformed").toString())
                .isEqualTo("[\"compatibility\",\"links\",\"spelling\",\"deliverability\"]");
        // Flexbox fails Outlook, the javascript: link and the misspelling fail their checks.
        assertThat(data.at("/summary/failed").toString()).contains("compatibility", "links", "spelling");
        assertThat(data.at("/recommendations/critical").toString()).contains("Fix 1 invalid link");
    }

    @Test
    void allLeavesOutTheChecksItsOptionsTurnOff() {
        JsonNode data = ok("all", body("html", EMAIL, "options", Map.of("checkCompatibility", false,
                "checkSpelling", false, "languages", List.of("en"))));

        assertThat(data.has("compatibility")).isFalse();
        assertThat(data.has("spelling")).isFalse();
        assertThat(data.has("linkAnalysis")).isTrue();
        assertThat(data.has("deliverability")).isTrue();
        assertThat(data.at("/metadata/checksPerformed").toString()).isEqualTo("[\"links\",\"deliverability\"]");
        int links = data.at("/scores/links").asInt();
        int deliverability = data.at("/scores/deliverability").asInt();
        assertThat(data.get("overallScore").asInt()).isEqualTo(Math.round((links + deliverability) / 2.0f));
    }

    @Test
    void theSameEmailGetsTheSameAnswerApartFromProcessingTimes() {
        for (String route : List.of("all", "compatibility", "links", "spelling", "deliverability")) {
            Map<String, Object> request = body("html", EMAIL, "subject", "Hello");
            if (!route.equals("all") && !route.equals("deliverability")) {
                request.remove("subject");
            }
            JsonNode first = withoutTimes(ok(route, request));
            JsonNode second = withoutTimes(ok(route, request));
            assertThat(second).as(route).isEqualTo(first);
        }
    }

    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("processingTime", "totalProcessingTime"));
            object.forEach(ValidationApiTest::withoutTimes);
        } else if (node.isArray()) {
            node.forEach(ValidationApiTest::withoutTimes);
        }
        return node;
    }

    @Test
    void aKeyWithoutEmailValidateIsRefused() {
        String other = gateway.tenant("email:send").key();

        assertThat(gateway.call("POST", PATH + "links", other, body("html", EMAIL)).status()).isEqualTo(403);
    }

    @Test
    void badBodiesAreJson400s() {
        for (String route : List.of("all", "compatibility", "links", "spelling", "deliverability")) {
            refused(route, body(), "html is required");
            refused(route, body("html", "  "), "html is required");
            refused(route, body("html", "x".repeat(EmailHtml.MAX_CHARACTERS + 1)),
                    "html must be at most 524288 characters");
            refused(route, body("html", Map.of("a", 1)), "Invalid value for field html");
            refused(route, body("html", 123), "Invalid value for field html");
        }
        refused("compatibility", body("html", EMAIL, "clients", List.of("gmail", "lotus")),
                "clients has an unknown client \"lotus\"; valid clients are gmail, outlook-windows, outlook-web, "
                        + "apple-mail, ios-mail, yahoo, samsung-email, thunderbird");
        refused("compatibility", body("html", EMAIL, "clients", "gmail"), "Invalid value for field clients");
        // The shared handler names a field, not a list element: a number in the list is only "malformed".
        refused("compatibility", body("html", EMAIL, "clients", List.of(7)), "Malformed JSON request body");
        refused("deliverability", body("html", EMAIL, "subject", true), "Invalid value for field subject");
        refused("spelling", body("html", EMAIL, "languages", List.of("fr")),
                "languages: only English (en) can be checked, not \"fr\"");
        refused("links", body("html", EMAIL, "timeout", 0), "timeout must be at least 1");
        refused("links", body("html", EMAIL, "timeout", "soon"), "Invalid value for field timeout");
        refused("deliverability", body("html", EMAIL, "fromEmail", "not an address"),
                "fromEmail must be a valid email address");
        refused("all", body("html", EMAIL, "options", Map.of("checkCompatibility", false, "checkLinks", false,
                "checkSpelling", false, "checkDeliverability", false)),
                "options turn every check off; leave at least one on");
        refused("all", body("html", EMAIL, "options", Map.of("clients", List.of("aol"))),
                "options.clients has an unknown client \"aol\"; valid clients are gmail, outlook-windows, "
                        + "outlook-web, apple-mail, ios-mail, yahoo, samsung-email, thunderbird");
        Reply malformed = gateway.send("POST", PATH + "links", "{\"html\": ", "Authorization", "Bearer " + key,
                "Content-Type", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("validation_error");
    }
}
