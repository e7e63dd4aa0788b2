package ai.migma.gateway.projects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import ai.migma.gateway.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code projects.import}, {@code getImportStatus}, {@code retryImport} and {@code importAndWait} over
 * HTTP, with the SDK's request bodies; fields and enum values as the SDK's {@code ImportProjectResponse},
 * {@code ImportStatusResponse}, {@code RetryImportResponse} and {@code Project} declare them.
 */
@GatewayTest
class ProjectImportTest {

    private static final List<String> PROJECT_STATUSES = List.of("pending", "processing", "active", "error");

    @Autowired
    GatewayClient gateway;

    private Reply startImport(String key, Object body) {
        return gateway.call("POST", "/v1/projects/import", key, body);
    }

    private JsonNode awaitImport(String key, String projectId) {
        Reply reply = gateway.pollUntil("/v1/projects/import/" + projectId + "/status", key, "/data/status",
                "active", "error");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json().get("data");
    }

    @Test
    void importsAProjectFromItsUrlsAndAdvancesItToActive() {
        Tenant tenant = gateway.tenant("project:write");

        Reply started = startImport(tenant.key(), Map.of("urls", List.of("https://www.acme-shoes.com/about",
                "https://acme-shoes.com/shop"), "logoUrls", Map.of("primary", "https://cdn.example.com/logo.png")));

        assertThat(started.status()).as(started.text()).isEqualTo(200);
        JsonNode data = started.json().get("data");
        String id = data.get("projectId").asString();
        assertThat(data.get("status").asString()).isEqualTo("pending");
        assertThat(data.get("domain").asString()).isEqualTo("acme-shoes.com");
        assertThat(data.get("urls").values()).extracting(JsonNode::asString)
                .containsExactly("https://www.acme-shoes.com/about", "https://acme-shoes.com/shop");
        assertThat(data.get("message").isString()).isTrue();

        JsonNode status = awaitImport(tenant.key(), id);
        assertThat(status.get("projectId").asString()).isEqualTo(id);
        assertThat(status.get("status").asString()).isEqualTo("active");
        assertThat(status.get("name").asString()).isEqualTo("Acme Shoes");
        assertThat(status.get("domain").asString()).isEqualTo("acme-shoes.com");
        assertThat(status.at("/progress/stage").asString()).isEqualTo("completed");
        assertThat(status.at("/progress/percentage").asInt()).isEqualTo(100);
        assertThat(status.has("error")).isFalse();

        JsonNode project = gateway.getWithKey("/v1/projects/" + id, tenant.key()).json().get("data");
        assertThat(project.get("_id").asString()).isEqualTo(id);
        assertThat(project.get("status").asString()).isEqualTo("active");
        assertThat(project.get("description").isString()).isTrue();
        assertThat(project.get("domain").asString()).isEqualTo("acme-shoes.com");
        assertThat(project.at("/logoUrls/primary").asString()).isEqualTo("https://cdn.example.com/logo.png");
    }

    @Test
    void anImportOfAnUnreadableUrlEndsInErrorAndCanBeRetried() {
        Tenant tenant = gateway.tenant("project:write");
        String id = startImport(tenant.key(), Map.of("urls", List.of("not a web address")))
                .json().at("/data/projectId").asString();

        JsonNode failed = awaitImport(tenant.key(), id);
        assertThat(failed.get("status").asString()).isEqualTo("error");
        assertThat(failed.get("error").asString()).contains("not a web address");
        assertThat(failed.at("/progress/stage").isString()).isTrue();
        assertThat(failed.at("/progress/percentage").isNumber()).isTrue();

        Reply retried = gateway.call("POST", "/v1/projects/import/" + id + "/retry", tenant.key(), null);
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().at("/data/projectId").asString()).isEqualTo(id);
        assertThat(retried.json().at("/data/status").asString()).isEqualTo("pending");
        assertThat(retried.json().at("/data/message").isString()).isTrue();
        assertThat(awaitImport(tenant.key(), id).get("status").asString()).isEqualTo("error");
    }

    @Test
    void onlyAFailedImportCanBeRetried() {
        Tenant tenant = gateway.tenant("project:write");
        String id = startImport(tenant.key(), Map.of("urls", List.of("https://shop.example.org")))
                .json().at("/data/projectId").asString();
        awaitImport(tenant.key(), id);

        Reply retried = gateway.call("POST", "/v1/projects/import/" + id + "/retry", tenant.key(), null);

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.json().get("code").asString()).isEqualTo("conflict");
    }

    @Test
    void listHonoursTheStatusFilter() {
        Tenant tenant = gateway.tenant("project:write");
        String failed = startImport(tenant.key(), Map.of("urls", List.of("::"))).json().at("/data/projectId")
                .asString();
        awaitImport(tenant.key(), failed);

        JsonNode errors = gateway.getWithKey("/v1/projects?status=error", tenant.key()).json().get("data");
        JsonNode active = gateway.getWithKey("/v1/projects?status=active", tenant.key()).json().get("data");

        assertThat(errors.get("projects").values()).extracting(p -> p.get("_id").asString()).containsExactly(failed);
        assertThat(errors.at("/pagination/total").asInt()).isEqualTo(1);
        assertThat(active.get("projects").values()).extracting(p -> p.get("_id").asString())
                .containsExactly(tenant.project());
        assertThat(active.get("projects").values()).allSatisfy(p ->
                assertThat(PROJECT_STATUSES).contains(p.get("status").asString()));
        assertThat(gateway.getWithKey("/v1/projects?status=finished", tenant.key()).status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsImportIsNotFound() {
        Tenant owner = gateway.tenant("project:write");
        Tenant other = gateway.tenant("project:write");
        String id = startImport(owner.key(), Map.of("urls", List.of("https://shop.example.org")))
                .json().at("/data/projectId").asString();

        assertThat(gateway.getWithKey("/v1/projects/import/" + id + "/status", other.key()).status())
                .isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/projects/import/" + id + "/retry", other.key(), null).status())
                .isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/projects/" + id, other.key()).status()).isEqualTo(404);
    }

    @Test
    void refusesAnImportWithoutUrlsOrWithABadLogo() {
        Tenant tenant = gateway.tenant("project:write");

        assertThat(startImport(tenant.key(), Map.of()).status()).isEqualTo(400);
        assertThat(startImport(tenant.key(), Map.of("urls", List.of())).status()).isEqualTo(400);
        assertThat(startImport(tenant.key(), Map.of("urls", "https://a.example")).status()).isEqualTo(400);
        Reply badLogo = startImport(tenant.key(), Map.of("urls", List.of("https://a.example"),
                "logoUrls", Map.of("primary", "javascript:alert(1)")));
        assertThat(badLogo.status()).isEqualTo(400);
        assertThat(badLogo.json().get("error").asString()).contains("logoUrls.primary");
    }

    @Test
    void announcesEachStageOfAnImportToWebhooks() {
        Tenant tenant = gateway.tenant("project:write", "webhook:write");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(gateway.call("POST", "/v1/webhooks", tenant.key(), Map.of("url", receiver.url(),
                    "events", List.of("project.import.started", "project.import.processing",
                            "project.import.completed", "project.import.failed"))).status()).isEqualTo(201);

            String id = startImport(tenant.key(), Map.of("urls", List.of("https://www.acme.example")))
                    .json().at("/data/projectId").asString();
            awaitImport(tenant.key(), id);

            List<String> types = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode event = GatewayClient.parse(receiver.next(Duration.ofSeconds(10)).text());
                assertThat(event.at("/data/projectId").asString()).isEqualTo(id);
                types.add(event.get("type").asString());
            }
            assertThat(types).containsExactlyInAnyOrder("project.import.started", "project.import.processing",
                    "project.import.completed");
        }
    }

    @Test
    void aVeryLongUnreadableUrlFailsTheImportWithAShortenedError() {
        Tenant tenant = gateway.tenant("project:write");
        String url = "ftp://x/" + "a".repeat(1500);
        String id = startImport(tenant.key(), Map.of("urls", List.of(url))).json().at("/data/projectId").asString();

        JsonNode failed = awaitImport(tenant.key(), id);

        assertThat(failed.get("status").asString()).isEqualTo("error");
        assertThat(failed.get("error").asString()).startsWith("Could not read ftp://x/aaa").hasSizeLessThan(500);
    }

    @Test
    void aBareWwwHostIsItsOwnDomain() {
        Tenant tenant = gateway.tenant("project:write");

        Reply started = startImport(tenant.key(), Map.of("urls", List.of("https://www.com")));

        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.json().at("/data/domain").asString()).isEqualTo("www.com");
        assertThat(awaitImport(tenant.key(), started.json().at("/data/projectId").asString()).get("status")
                .asString()).isEqualTo("active");
    }
}
