package ai.migma.gateway.tags;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tags and segments over HTTP: CRUD with the SDK's shapes, counts computed from the contacts that match. */
@GatewayTest
class TagsAndSegmentsTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String project;
    String key;

    @BeforeEach
    void projectWithContacts() {
        Tenant tenant = gateway.tenant("audience:read", "audience:write");
        account = tenant.account();
        project = tenant.project();
        key = tenant.key();
        tenant.addContact("a@example.com", "subscribed", Map.of("plan", "pro"), "vip", "beta");
        tenant.addContact("b@example.com", "subscribed", Map.of("plan", "free"), "VIP");
        tenant.addContact("c@example.com", "unsubscribed", Map.of("plan", "pro"), "vip");
        tenant.addContact("d@example.com", "subscribed", Map.of());
    }

    private JsonNode createTag(Map<String, Object> body) {
        Reply reply = gateway.call("POST", "/v1/tags", key, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("data");
    }

    @Test
    void aTagCountsTheContactsCarryingItsName() {
        JsonNode tag = createTag(Map.of("projectId", project, "name", "vip", "color", "#ff5733",
                "description", "Best customers"));

        assertThat(tag.propertyNames()).containsExactly("id", "name", "color", "description", "subscriberCount",
                "createdAt", "updatedAt");
        assertThat(tag.get("color").asString()).isEqualTo("#FF5733");
        assertThat(tag.get("subscriberCount").asInt()).isEqualTo(3);

        createTag(Map.of("projectId", project, "name", "beta"));
        Reply list = gateway.call("GET", "/v1/tags?projectId=" + project + "&sortBy=name&sortOrder=asc", key, null);
        assertThat(list.json().get("count").asInt()).isEqualTo(2);
        assertThat(list.json().at("/data/0/name").asString()).isEqualTo("beta");
        assertThat(list.json().at("/data/0/subscriberCount").asInt()).isEqualTo(1);
        assertThat(list.json().at("/data/0/color").asString()).isEqualTo("#6B7280");
        assertThat(gateway.call("GET", "/v1/tags?projectId=" + project + "&search=VI", key, null).json()
                .get("count").asInt()).isEqualTo(1);
    }

    @Test
    void refusesADuplicateOrInvalidTag() {
        createTag(Map.of("projectId", project, "name", "vip"));

        assertThat(gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "VIP")).status())
                .isEqualTo(409);
        Reply badColor = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "x",
                "color", "red"));
        assertThat(badColor.status()).isEqualTo(400);
        assertThat(badColor.json().get("error").asString()).contains("color");
        assertThat(gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", " ")).json()
                .get("error").asString()).isEqualTo("name must not be blank");
    }

    @Test
    void renamingATagRenamesItOnItsContactsAndDeletingRemovesIt() {
        String id = createTag(Map.of("projectId", project, "name", "vip")).get("id").asString();

        Reply renamed = gateway.call("PATCH", "/v1/tags/" + id, key, Map.of("projectId", project, "name", "gold"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().at("/data/name").asString()).isEqualTo("gold");
        assertThat(renamed.json().at("/data/subscriberCount").asInt()).isEqualTo(3);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project + "&tags=gold", key, null).json()
                .get("count").asInt()).isEqualTo(3);

        Reply deleted = gateway.call("DELETE", "/v1/tags/" + id + "?projectId=" + project, key, null);
        assertThat(deleted.json().get("data").get("deleted").asBoolean()).isTrue();
        assertThat(gateway.call("GET", "/v1/tags/" + id + "?projectId=" + project, key, null).status())
                .isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project + "&tags=gold", key, null).json()
                .get("count").asInt()).isZero();
    }

    @Test
    void aSegmentCountsTheContactsMatchingItsFilters() {
        Reply created = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "Pro VIPs",
                "filters", Map.of("tags", List.of("vip"), "status", "subscribed",
                        "customFields", Map.of("plan", List.of("pro")))));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode segment = created.json().get("data");
        assertThat(segment.propertyNames()).containsExactly("id", "name", "description", "filters", "count",
                "createdAt", "updatedAt");
        assertThat(segment.get("count").asInt()).isEqualTo(1);

        String id = segment.get("id").asString();
        Reply widened = gateway.call("PATCH", "/v1/segments/" + id, key, Map.of("projectId", project,
                "filters", Map.of("tags", List.of("vip"))));
        assertThat(widened.json().at("/data/count").asInt()).isEqualTo(3);
        assertThat(widened.json().at("/data/name").asString()).isEqualTo("Pro VIPs");

        Reply list = gateway.call("GET", "/v1/segments?projectId=" + project, key, null);
        assertThat(list.json().get("count").asInt()).isEqualTo(1);
        assertThat(list.json().at("/data/0/count").asInt()).isEqualTo(3);

        assertThat(gateway.call("DELETE", "/v1/segments/" + id + "?projectId=" + project, key, null).status())
                .isEqualTo(200);
        assertThat(gateway.call("GET", "/v1/segments/" + id + "?projectId=" + project, key, null).status())
                .isEqualTo(404);
    }

    @Test
    void aSegmentsStatusFilterAcceptsTheSdksActive() {
        Reply created = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "Active VIPs",
                "filters", Map.of("tags", List.of("vip"), "status", "active")));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().at("/data/count").asInt()).isEqualTo(2);
    }

    @Test
    void refusesSegmentFiltersItCannotEvaluate() {
        Reply reply = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "Active",
                "filters", Map.of("activity", List.of(Map.of("action", "opened")))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).startsWith("filters.activity is not supported");
        assertThat(gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "x",
                "filters", Map.of("tags", "vip"))).json().get("error").asString())
                .isEqualTo("filters.tags must be a list of strings");
    }

    @Test
    void anotherAccountsTagsAndSegmentsAre404() {
        String tag = createTag(Map.of("projectId", project, "name", "vip")).get("id").asString();
        String segment = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "All"))
                .json().at("/data/id").asString();
        String other = gateway.createAccount("pro", null);
        String otherProject = gateway.createProject(other, "Theirs");
        String otherKey = gateway.createKey(other, "test", "audience:read", "audience:write").get("key").asString();

        for (String path : new String[] {"/v1/tags/" + tag, "/v1/segments/" + segment}) {
            assertThat(gateway.call("GET", path + "?projectId=" + otherProject, otherKey, null).status())
                    .isEqualTo(404);
            assertThat(gateway.call("DELETE", path + "?projectId=" + otherProject, otherKey, null).status())
                    .isEqualTo(404);
            assertThat(gateway.call("GET", path + "?projectId=" + project, otherKey, null).status())
                    .isEqualTo(404);
        }
        assertThat(gateway.call("GET", "/v1/tags/" + tag + "?projectId=" + project, key, null).status())
                .isEqualTo(200);
    }
}
