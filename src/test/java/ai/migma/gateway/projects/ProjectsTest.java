package ai.migma.gateway.projects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /v1/projects and /v1/projects/{id}: any valid key, the key's own account only. */
@GatewayTest
class ProjectsTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String key;

    @BeforeEach
    void accountWithThreeProjects() {
        account = gateway.createAccount("free", null);
        key = gateway.createKey(account, "test").get("key").asString();
        for (String name : new String[] {"One", "Two", "Three"}) {
            gateway.admin("POST", "/admin/v1/accounts/" + account + "/projects", Map.of("name", name));
        }
    }

    @Test
    void listsTheKeysOwnProjectsInPages() {
        String other = gateway.createAccount("free", null);
        gateway.admin("POST", "/admin/v1/accounts/" + other + "/projects", Map.of("name", "Not yours"));

        JsonNode first = gateway.getWithKey("/v1/projects?limit=2", key).json().get("data");
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("projects")).hasSize(2);
        assertThat(first.at("/projects/0/name").asString()).isEqualTo("One");
        assertThat(first.at("/pagination/hasMore").asBoolean()).isTrue();
        assertThat(first.at("/pagination/limit").asInt()).isEqualTo(2);

        JsonNode second = gateway.getWithKey("/v1/projects?limit=2&offset=2", key).json().get("data");
        assertThat(second.get("projects")).hasSize(1);
        assertThat(second.at("/projects/0/name").asString()).isEqualTo("Three");
        assertThat(second.at("/pagination/offset").asInt()).isEqualTo(2);
        assertThat(second.at("/pagination/hasMore").asBoolean()).isFalse();
    }

    @Test
    void projectHasTheShapeTheSdkReads() {
        JsonNode project = gateway.getWithKey("/v1/projects", key).json().at("/data/projects/0");
        assertThat(project.propertyNames()).containsExactly("_id", "name", "description", "status", "domain",
                "createdAt", "updatedAt");

        Reply one = gateway.getWithKey("/v1/projects/" + project.get("_id").asString(), key);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("data")).isEqualTo(project);
    }

    @Test
    void anotherAccountsProjectIs404NotForbidden() {
        String otherKey = gateway.newTestKey();
        String id = gateway.getWithKey("/v1/projects", key).json().at("/data/projects/0/_id").asString();

        Reply reply = gateway.getWithKey("/v1/projects/" + id, otherKey);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("code").asString()).isEqualTo("not_found");
        assertThat(reply.json().get("error").asString()).isEqualTo("Project not found");
    }

    @Test
    void malformedProjectIdIs404() {
        assertThat(gateway.getWithKey("/v1/projects/123", key).status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/projects/00000000-0000-0000-0000-000000000000", key).status())
                .isEqualTo(404);
    }

    @Test
    void rejectsBadPagingWith400() {
        for (String query : new String[] {"limit=0", "limit=101", "offset=-1", "limit=abc", "offset=1e3"}) {
            Reply reply = gateway.getWithKey("/v1/projects?" + query, key);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        }
    }
}
