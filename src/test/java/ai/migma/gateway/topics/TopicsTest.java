package ai.migma.gateway.topics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code topics} resource over HTTP with its request bodies: every field of {@code Topic},
 * {@code ListTopicsResponse} ({@code data} and {@code count}), {@code DeleteResponse} and
 * {@code TopicSubscriptionResponse}; who is in a topic by its default subscription.
 */
@GatewayTest
class TopicsTest {

    @Autowired
    GatewayClient gateway;
    @Autowired
    TopicService topics;
    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("audience:read", "audience:write");
    }

    private Reply create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("projectId", tenant.project(), "name", "Product news"));
        body.putAll(fields);
        return gateway.call("POST", "/v1/topics", tenant.key(), body);
    }

    private String contact(String email) {
        tenant.addContact(email, "subscribed", Map.of());
        return gateway.getWithKey("/v1/contacts?projectId=" + tenant.project() + "&search=" + email, tenant.key())
                .json().at("/data/0/id").asString();
    }

    private Reply choose(String topic, String contact, String action) {
        return gateway.call("POST", "/v1/topics/" + topic + "/" + action, tenant.key(),
                Map.of("subscriberId", contact, "projectId", tenant.project()));
    }

    @Test
    void createsATopicWithTheSdksShapeAndDefaults() {
        Reply reply = create(Map.of("description", "Launches and releases"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        JsonNode topic = reply.json().get("data");
        assertThat(topic.get("id").asString()).isNotBlank();
        assertThat(topic.get("name").asString()).isEqualTo("Product news");
        assertThat(topic.get("description").asString()).isEqualTo("Launches and releases");
        assertThat(topic.get("defaultSubscription").asString()).isEqualTo("opt_in");
        assertThat(topic.get("visibility").asString()).isEqualTo("public");
        assertThat(topic.get("displayOrder").asInt()).isZero();
        assertThat(topic.get("isActive").asBoolean()).isTrue();
        assertThat(topic.get("createdAt").isString()).isTrue();
        assertThat(topic.get("updatedAt").isString()).isTrue();
        String id = topic.get("id").asString();
        assertThat(gateway.getWithKey("/v1/topics/" + id + "?projectId=" + tenant.project(), tenant.key()).json()
                .get("data")).isEqualTo(topic);
    }

    @Test
    void listsActiveTopicsInDisplayOrderAndTheInactiveOnlyWhenAsked() {
        String second = create(Map.of("name", "Second", "displayOrder", 2)).json().at("/data/id").asString();
        String first = create(Map.of("name", "First", "displayOrder", 1, "visibility", "private"))
                .json().at("/data/id").asString();
        String hidden = create(Map.of("name", "Hidden", "displayOrder", 0)).json().at("/data/id").asString();
        Reply deactivated = gateway.call("PATCH", "/v1/topics/" + hidden, tenant.key(),
                Map.of("projectId", tenant.project(), "isActive", false));
        assertThat(deactivated.json().at("/data/isActive").asBoolean()).isFalse();

        Reply active = gateway.getWithKey("/v1/topics?projectId=" + tenant.project(), tenant.key());
        Reply all = gateway.getWithKey("/v1/topics?projectId=" + tenant.project() + "&includeInactive=true",
                tenant.key());

        assertThat(active.json().get("data").values()).extracting(t -> t.get("id").asString())
                .containsExactly(first, second);
        assertThat(active.json().get("count").asInt()).isEqualTo(2);
        assertThat(all.json().get("data").values()).extracting(t -> t.get("id").asString())
                .containsExactly(hidden, first, second);
        assertThat(all.json().get("count").asInt()).isEqualTo(3);
    }

    @Test
    void updatesWhatTheSdkLetsItAndKeepsTheDefaultSubscription() {
        String id = create(Map.of("defaultSubscription", "opt_out")).json().at("/data/id").asString();

        JsonNode updated = gateway.call("PATCH", "/v1/topics/" + id, tenant.key(), Map.of("projectId",
                tenant.project(), "name", "Newsletter", "description", "Monthly", "visibility", "private",
                "displayOrder", 5)).json().get("data");

        assertThat(updated.get("name").asString()).isEqualTo("Newsletter");
        assertThat(updated.get("description").asString()).isEqualTo("Monthly");
        assertThat(updated.get("visibility").asString()).isEqualTo("private");
        assertThat(updated.get("displayOrder").asInt()).isEqualTo(5);
        assertThat(updated.get("defaultSubscription").asString()).isEqualTo("opt_out");
        assertThat(gateway.call("PATCH", "/v1/topics/" + id, tenant.key(), Map.of("projectId", tenant.project(),
                "defaultSubscription", "opt_in")).status()).isEqualTo(400);
    }

    @Test
    void subscribesAndUnsubscribesAContact() {
        String topic = create(Map.of()).json().at("/data/id").asString();
        String contact = contact("ada@example.com");

        JsonNode subscribed = choose(topic, contact, "subscribe").json().get("data");
        JsonNode unsubscribed = choose(topic, contact, "unsubscribe").json().get("data");

        assertThat(subscribed.get("topicId").asString()).isEqualTo(topic);
        assertThat(subscribed.get("subscriberId").asString()).isEqualTo(contact);
        assertThat(subscribed.get("subscribed").asBoolean()).isTrue();
        assertThat(unsubscribed.get("subscribed").asBoolean()).isFalse();
    }

    @Test
    void optInReachesWhoSubscribedAndOptOutAllButWhoUnsubscribed() {
        String optIn = create(Map.of("name", "Opt in")).json().at("/data/id").asString();
        String optOut = create(Map.of("name", "Opt out", "defaultSubscription", "opt_out")).json().at("/data/id")
                .asString();
        String ada = contact("ada@example.com");
        String bob = contact("bob@example.com");
        String cy = contact("cy@example.com");
        choose(optIn, ada, "subscribe");
        choose(optIn, bob, "subscribe");
        choose(optIn, bob, "unsubscribe");
        choose(optOut, cy, "unsubscribe");

        UUID project = UUID.fromString(tenant.project());
        List<UUID> everyone = List.of(ada, bob, cy).stream().map(UUID::fromString).toList();
        assertThat(topics.members(project, optIn, everyone)).extracting(Object::toString).containsExactly(ada);
        assertThat(topics.members(project, optOut, everyone)).extracting(Object::toString).containsExactly(ada, bob);
    }

    @Test
    void deletesATopicWithTheSdksDeleteResponse() {
        String id = create(Map.of()).json().at("/data/id").asString();

        Reply deleted = gateway.call("DELETE", "/v1/topics/" + id + "?projectId=" + tenant.project(), tenant.key(),
                null);

        assertThat(deleted.json().get("data").get("id").asString()).isEqualTo(id);
        assertThat(deleted.json().get("data").get("deleted").asBoolean()).isTrue();
        assertThat(gateway.getWithKey("/v1/topics/" + id + "?projectId=" + tenant.project(), tenant.key()).status())
                .isEqualTo(404);
    }

    @Test
    void refusesDuplicatesBadValuesAndOtherProjectsContacts() {
        String topic = create(Map.of()).json().at("/data/id").asString();
        Tenant other = gateway.tenant("audience:read", "audience:write");
        other.addContact("eve@example.com", "subscribed", Map.of());
        String stranger = gateway.getWithKey("/v1/contacts?projectId=" + other.project(), other.key()).json()
                .at("/data/0/id").asString();

        assertThat(create(Map.of()).status()).isEqualTo(409);
        assertThat(create(Map.of("name", "X", "defaultSubscription", "maybe")).status()).isEqualTo(400);
        assertThat(create(Map.of("name", "Y", "visibility", "secret")).status()).isEqualTo(400);
        assertThat(create(Map.of("name", " ")).status()).isEqualTo(400);
        assertThat(choose(topic, stranger, "subscribe").status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/topics/" + topic + "/subscribe", tenant.key(),
                Map.of("projectId", tenant.project())).status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsTopicIsNotFoundAndWritingNeedsAudienceWrite() {
        String topic = create(Map.of()).json().at("/data/id").asString();
        Tenant other = gateway.tenant("audience:read", "audience:write");
        Tenant reader = gateway.tenant("audience:read");

        assertThat(gateway.getWithKey("/v1/topics/" + topic + "?projectId=" + tenant.project(), other.key())
                .status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/topics/" + topic + "?projectId=" + other.project(), other.key())
                .status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/topics", reader.key(), Map.of("projectId", reader.project(),
                "name", "N")).status()).isEqualTo(403);
    }
}
