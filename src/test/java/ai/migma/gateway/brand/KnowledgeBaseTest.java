package ai.migma.gateway.brand;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code knowledgeBase} resource over HTTP with its request bodies: {@code list}, {@code add},
 * {@code update} and {@code remove}, answered as {@code KnowledgeBaseEntry}, {@code KnowledgeBaseListResponse} and
 * {@code MessageResponse} declare.
 */
@GatewayTest
class KnowledgeBaseTest {

    @Autowired
    GatewayClient gateway;
    Tenant tenant;
    String base;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("project:write");
        base = "/v1/projects/" + tenant.project() + "/knowledge-base";
    }

    private Reply add(String title, String content) {
        return gateway.call("POST", base, tenant.key(), Map.of("title", title, "content", content));
    }

    @Test
    void addsAnEntryWithTheSdkShape() {
        Reply reply = add("Brand voice", "Warm, direct, no exclamation marks.");

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        JsonNode entry = reply.json().get("data");
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("id", "title", "content", "date");
        assertThat(entry.get("id").isString()).isTrue();
        assertThat(entry.get("title").asString()).isEqualTo("Brand voice");
        assertThat(entry.get("content").asString()).isEqualTo("Warm, direct, no exclamation marks.");
        assertThat(Instant.parse(entry.get("date").asString())).isNotNull();
    }

    @Test
    void listsEntriesInTheOrderAddedWithTheirTotal() {
        add("First", "one");
        add("Second", "two");

        Reply reply = gateway.getWithKey(base, tenant.key());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data.get("total").isNumber()).isTrue();
        assertThat(data.get("total").asInt()).isEqualTo(2);
        assertThat(data.get("entries").valueStream().map(e -> e.get("title").asString()))
                .containsExactly("First", "Second");
        assertThat(data.at("/entries/0").propertyNames()).containsExactlyInAnyOrder("id", "title", "content",
                "date");
    }

    @Test
    void listingNeedsOnlyAValidKey() {
        add("Entry", "text");
        String bare = gateway.createKey(tenant.account(), "test").get("key").asString();

        assertThat(gateway.getWithKey(base, bare).json().at("/data/total").asInt()).isEqualTo(1);
        assertThat(gateway.call("POST", base, bare, Map.of("title", "t", "content", "c")).status())
                .isEqualTo(403);
    }

    @Test
    void updatesTheGivenFieldsAndMovesTheDate() throws InterruptedException {
        JsonNode entry = add("Old title", "Kept content").json().get("data");
        Thread.sleep(5);

        Reply reply = gateway.call("PUT", base + "/" + entry.get("id").asString(), tenant.key(),
                Map.of("title", "New title"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode updated = reply.json().get("data");
        assertThat(updated.get("id").asString()).isEqualTo(entry.get("id").asString());
        assertThat(updated.get("title").asString()).isEqualTo("New title");
        assertThat(updated.get("content").asString()).isEqualTo("Kept content");
        assertThat(Instant.parse(updated.get("date").asString()))
                .isAfter(Instant.parse(entry.get("date").asString()));
        assertThat(gateway.call("PUT", base + "/" + entry.get("id").asString(), tenant.key(),
                Map.of("content", "New content")).json().at("/data/content").asString()).isEqualTo("New content");
    }

    @Test
    void removesAnEntryWithAMessage() {
        String id = add("Gone", "soon").json().at("/data/id").asString();

        Reply reply = gateway.call("DELETE", base + "/" + id, tenant.key(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/data/message").isString()).isTrue();
        assertThat(gateway.getWithKey(base, tenant.key()).json().at("/data/total").asInt()).isZero();
        assertThat(gateway.call("DELETE", base + "/" + id, tenant.key(), null).status()).isEqualTo(404);
        assertThat(gateway.call("PUT", base + "/" + id, tenant.key(), Map.of("title", "x")).status())
                .isEqualTo(404);
        assertThat(gateway.call("PUT", base + "/not-an-id", tenant.key(), Map.of("title", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void rejectsMissingAndOversizedFieldsWith400() {
        assertInvalid(gateway.call("POST", base, tenant.key(), Map.of("content", "c")), "title must not be blank");
        assertInvalid(gateway.call("POST", base, tenant.key(), Map.of("title", "t")), "content must not be blank");
        assertInvalid(add("x".repeat(201), "c"), "title must be at most 200 characters");
        assertInvalid(add("t", "x".repeat(20_001)), "content must be at most 20000 characters");
        String id = add("t", "c").json().at("/data/id").asString();
        assertInvalid(gateway.call("PUT", base + "/" + id, tenant.key(), Map.of()), "Give title or content");
        assertInvalid(gateway.call("PUT", base + "/" + id, tenant.key(), Map.of("title", " ")),
                "title must not be blank");
    }

    @Test
    void rejectsAnEntryBeyondTheProjectsCapWith400() {
        for (int i = 0; i < KnowledgeBase.MAX_ENTRIES; i++) {
            assertThat(add("Entry " + i, "text").status()).isEqualTo(201);
        }

        assertInvalid(add("One too many", "text"), "at most " + KnowledgeBase.MAX_ENTRIES + " entries");
    }

    private static void assertInvalid(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        assertThat(reply.json().get("error").asString()).contains(message);
    }

    @Test
    void anotherAccountsProjectAndEntriesAre404() {
        String id = add("Mine", "secret plans").json().at("/data/id").asString();
        Tenant other = gateway.tenant("project:write");

        assertThat(gateway.getWithKey(base, other.key()).status()).isEqualTo(404);
        assertThat(gateway.call("POST", base, other.key(), Map.of("title", "t", "content", "c")).status())
                .isEqualTo(404);
        assertThat(gateway.call("PUT", base + "/" + id, other.key(), Map.of("title", "x")).status())
                .isEqualTo(404);
        assertThat(gateway.call("DELETE", base + "/" + id, other.key(), null).status()).isEqualTo(404);
        String theirs = "/v1/projects/" + other.project() + "/knowledge-base/" + id;
        assertThat(gateway.call("PUT", theirs, other.key(), Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(gateway.call("DELETE", theirs, other.key(), null).status()).isEqualTo(404);
        assertThat(gateway.getWithKey(base, tenant.key()).json().at("/data/entries/0/title").asString())
                .isEqualTo("Mine");
    }
}
