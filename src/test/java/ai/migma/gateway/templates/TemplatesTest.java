package ai.migma.gateway.templates;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Templates: seeded with each project, added through the admin API, read with template:read or email:read. */
@GatewayTest
class TemplatesTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String project;

    @BeforeEach
    void projectWithATemplate() {
        account = gateway.createAccount("pro", null);
        project = gateway.createProject(account, "Shop");
        Reply created = gateway.admin("POST", "/admin/v1/accounts/" + account + "/projects/" + project
                + "/templates", Map.of("name", "Receipt", "subject", "Your order", "html", "<p>Thanks</p>"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void listsTheSeededAndAddedTemplatesToTemplateReadOrEmailRead() {
        for (String permission : new String[] {"template:read", "email:read"}) {
            String key = gateway.createKey(account, "test", permission).get("key").asString();

            Reply list = gateway.call("GET", "/v1/templates?projectId=" + project, key, null);

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("count").asInt()).isEqualTo(2);
            assertThat(list.json().at("/data/0/name").asString()).isEqualTo("Welcome email");
            assertThat(list.json().at("/data/1/name").asString()).isEqualTo("Receipt");
            String id = list.json().at("/data/1/id").asString();
            Reply one = gateway.call("GET", "/v1/templates/" + id, key, null);
            assertThat(one.json().at("/data/html").asString()).isEqualTo("<p>Thanks</p>");
            assertThat(one.json().at("/data/projectId").asString()).isEqualTo(project);
        }
    }

    @Test
    void refusesKeysWithoutATemplatePermission() {
        String key = gateway.createKey(account, "test", "email:send", "audience:read").get("key").asString();

        assertThat(gateway.call("GET", "/v1/templates?projectId=" + project, key, null).status()).isEqualTo(403);
    }

    @Test
    void anotherAccountsTemplateIs404() {
        String key = gateway.createKey(account, "test", "template:read").get("key").asString();
        String id = gateway.call("GET", "/v1/templates?projectId=" + project, key, null).json().at("/data/0/id")
                .asString();
        String otherKey = gateway.newTestKey("template:read");

        assertThat(gateway.call("GET", "/v1/templates/" + id, otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/templates?projectId=" + project, otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/templates?projectId=", key, null).json().get("error").asString())
                .isEqualTo("projectId is required");
    }

    @Test
    void adminRefusesATemplateWithoutHtml() {
        Reply reply = gateway.admin("POST", "/admin/v1/accounts/" + account + "/projects/" + project + "/templates",
                Map.of("name", "Empty"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("html must not be blank");
    }
}
