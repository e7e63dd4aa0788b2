package ai.migma.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's export resource over HTTP, from an email generated through the API: the SDK's shapes, each listed file
 * downloaded and parsed as what it claims to be, the key rules on files, and the export webhooks.
 */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROMPT = "Announce our spring sale. Everything is 20% off until Sunday.";

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcClient jdbc;
    private final HttpClient http = HttpClient.newHttpClient();
    Tenant tenant;
    String webhook;
    String conversation;
    String subject;

    /** A binary download with the key: status, headers and the exact bytes. */
    record Download(int status, HttpResponse<byte[]> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        byte[] body() {
            return response.body();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    void generateAnEmail() {
        tenant = gateway.tenant("email:send", "email:read", "webhook:write");
        Reply project = gateway.admin("POST", "/admin/v1/accounts/" + tenant.account() + "/projects",
                Map.of("name", "Shop", "domain", "shop.example"));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        Reply hook = gateway.call("POST", "/v1/webhooks", tenant.key(), Map.of("url", "http://127.0.0.1:9/hook",
                "events", List.of("export.completed", "export.failed")));
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        webhook = hook.json().at("/data/id").asString();

        Reply started = gateway.call("POST", "/v1/projects/emails/generate", tenant.key(), Map.of("projectId",
                project.json().at("/data/project/_id").asString(), "prompt", PROMPT));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        conversation = started.json().at("/data/conversationId").asString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status;
        do {
            status = gateway.call("GET", "/v1/projects/emails/" + conversation + "/status", tenant.key(), null)
                    .json().get("data");
            if (status.get("status").asString().equals("completed")) {
                break;
            }
            assertThat(status.get("status").asString()).as(status.toString()).isIn("pending", "processing");
            pause();
        } while (System.nanoTime() < deadline);
        assertThat(status.get("status").asString()).as("generation within " + WAIT).isEqualTo("completed");
        subject = status.at("/result/subject").asString();
    }

    private Reply export(String format, String query) {
        return gateway.call("GET", "/v1/export/" + format + "/" + conversation + query, tenant.key(), null);
    }

    private Download download(String url, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checks the SDK's ExportResult and downloads each file it lists. */
    private Map<String, Download> filesOf(Reply reply, String exportType, String... formats) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        JsonNode data = reply.json().get("data");
        assertThat(data.get("files").isArray()).isTrue();
        assertThat(data.get("executionTime").isNumber()).isTrue();
        assertThat(data.get("executionTime").asLong()).isNotNegative();
        assertThat(data.get("exportType").asString()).isEqualTo(exportType);
        List<String> listed = new ArrayList<>();
        Map<String, Download> downloads = new HashMap<>();
        for (JsonNode file : data.get("files")) {
            assertThat(file.get("filename").isString()).isTrue();
            assertThat(file.get("format").isString()).isTrue();
            assertThat(file.get("url").asString()).startsWith("http://127.0.0.1:" + gateway.port()
                    + "/v1/export/files/").endsWith("/" + file.get("filename").asString());
            listed.add(file.get("format").asString());
            Download download = download(file.get("url").asString(), tenant.key());
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"" + file.get("filename").asString() + "\"");
            downloads.put(file.get("format").asString(), download);
        }
        assertThat(listed).containsExactly(formats);
        return downloads;
    }

    @Test
    void listsTheSixFormats() {
        Reply reply = gateway.call("GET", "/v1/export/formats", tenant.key(), null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data.get("total").asInt()).isEqualTo(6);
        List<String> names = new ArrayList<>();
        for (JsonNode format : data.get("formats")) {
            names.add(format.get("name").asString());
            assertThat(format.get("description").isString()).isTrue();
            assertThat(format.get("supportedFormats").isArray()).isTrue();
            assertThat(format.get("supportedFormats").get(0).isString()).isTrue();
            assertThat(format.get("type").asString()).isIn("simple", "complex");
        }
        assertThat(names).containsExactly("html", "mjml", "pdf", "mailchimp", "klaviyo", "hubspot");
    }

    @Test
    void tellsWhetherAConversationCanBeExported() {
        JsonNode ready = gateway.call("GET", "/v1/export/status/" + conversation, tenant.key(), null).json()
                .get("data");
        assertThat(ready.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(ready.get("canExport").isBoolean()).isTrue();
        assertThat(ready.get("canExport").asBoolean()).isTrue();
        assertThat(JSON.convertValue(ready.get("availableFormats"), List.class)).containsExactly("html", "mjml",
                "pdf", "mailchimp", "klaviyo", "hubspot");
        assertThat(ready.has("reason")).isFalse();

        JsonNode pending = gateway.call("GET", "/v1/export/status/" + unfinishedConversation(), tenant.key(), null)
                .json().get("data");
        assertThat(pending.get("canExport").asBoolean()).isFalse();
        assertThat(pending.get("availableFormats").isArray()).isTrue();
        assertThat(pending.get("availableFormats").size()).isZero();
        assertThat(pending.get("reason").asString()).contains("processing");
    }

    @Test
    void exportsHtmlMjmlAndPdfAsRealFiles() throws Exception {
        Download html = filesOf(export("html", ""), "html", "html").get("html");
        assertThat(html.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(html.text()).startsWith("<!DOCTYPE html>").contains("<h1", subject, "{{unsubscribe_url}}");

        Download mjml = filesOf(export("mjml", ""), "mjml", "mjml").get("mjml");
        assertThat(mjml.header("Content-Type")).startsWith("application/xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(mjml.body()));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("mjml");
        assertThat(document.getElementsByTagName("mj-title").item(0).getTextContent()).isEqualTo(subject);
        assertThat(document.getElementsByTagName("h1").item(0).getTextContent()).isEqualTo(subject);
        Element button = (Element) document.getElementsByTagName("mj-button").item(0);
        assertThat(button.getTextContent()).isEqualTo("Visit Shop");
        assertThat(button.getAttribute("href")).isEqualTo("https://shop.example");
        boolean unsubscribe = false;
        for (int i = 0; i < document.getElementsByTagName("a").getLength(); i++) {
            unsubscribe |= ((Element) document.getElementsByTagName("a").item(i)).getAttribute("href")
                    .equals("{{unsubscribe_url}}");
        }
        assertThat(unsubscribe).isTrue();

        Download pdf = filesOf(export("pdf", ""), "pdf", "pdf").get("pdf");
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument loaded = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(loaded)).contains(subject, "Visit Shop");
        }
    }

    @Test
    void exportsTemplatesForMailchimpKlaviyoAndHubspot() throws Exception {
        Download zip = filesOf(export("mailchimp", ""), "mailchimp", "zip").get("zip");
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.keySet()).containsExactly("index.html");
        assertThat(entries.get("index.html")).contains(subject, "href=\"*|UNSUB|*\"").doesNotContain("{{");

        Download klaviyo = filesOf(export("klaviyo", ""), "klaviyo", "html").get("html");
        assertThat(klaviyo.text()).contains("{% unsubscribe_url %}").doesNotContain("{{unsubscribe_url}}");
        Map<String, Download> code = filesOf(export("klaviyo", "?klaviyoType=code"), "klaviyo", "html", "json");
        assertThat(code.get("json").header("Content-Type")).isEqualTo("application/json");
        JsonNode template = JSON.readTree(code.get("json").body());
        assertThat(template.at("/data/type").asString()).isEqualTo("template");
        assertThat(template.at("/data/attributes/name").asString()).isEqualTo(subject);
        assertThat(template.at("/data/attributes/editor_type").asString()).isEqualTo("CODE");
        assertThat(template.at("/data/attributes/html").asString()).isEqualTo(code.get("html").text());
        filesOf(export("klaviyo", "?klaviyoType=hybrid"), "klaviyo", "html", "json");

        Reply hubspot = gateway.call("POST", "/v1/export/hubspot", tenant.key(), Map.of("conversationId",
                conversation, "customOptions", Map.of("customInstructions", "Use our brand fonts", "tone", 3)));
        String hubl = filesOf(hubspot, "hubspot", "html").get("html").text();
        assertThat(hubl).startsWith("<!--\n  templateType: email\n").contains("label: " + subject,
                "Use our brand fonts", "href=\"{{ unsubscribe_link }}\"", "{{ site_settings.company_name }}");
        Reply plain = gateway.call("POST", "/v1/export/hubspot", tenant.key(), Map.of("conversationId", conversation));
        filesOf(plain, "hubspot", "html");
    }

    @Test
    void exportingAgainServesTheSameBytesAtTheSameUrl() {
        JsonNode first = export("mjml", "").json().at("/data/files/0");
        JsonNode second = export("mjml", "").json().at("/data/files/0");

        assertThat(second.get("url").asString()).isEqualTo(first.get("url").asString());
        assertThat(download(second.get("url").asString(), tenant.key()).body())
                .isEqualTo(download(first.get("url").asString(), tenant.key()).body());
    }

    @Test
    void reportsExportsToWebhooks() {
        export("html", "");

        JsonNode completed = awaitDelivery("export.completed", conversation);
        assertThat(completed.at("/data/exportType").asString()).isNotEmpty();
        assertThat(completed.at("/data/files").isArray()).isTrue();
    }

    @Test
    void refusesAConversationNotYetGeneratedWith409AndReportsTheFailure() {
        String pending = unfinishedConversation();

        Reply reply = gateway.call("GET", "/v1/export/pdf/" + pending, tenant.key(), null);

        assertThat(reply.status()).as(reply.text()).isEqualTo(409);
        assertThat(reply.json().get("success").asBoolean()).isFalse();
        JsonNode failed = awaitDelivery("export.failed", pending);
        assertThat(failed.at("/data/exportType").asString()).isEqualTo("pdf");
        assertThat(failed.at("/data/error").asString()).contains("not generated yet");
        assertThat(jdbc.sql("select count(*) from export_files where conversation_id = ?")
                .params(UUID.fromString(pending)).query(Long.class).single()).isZero();
    }

    @Test
    void anotherAccountSeesNeitherTheConversationNorItsFiles() {
        String url = export("html", "").json().at("/data/files/0/url").asString();
        String other = gateway.tenant("email:read").key();

        assertThat(gateway.call("GET", "/v1/export/html/" + conversation, other, null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/export/status/" + conversation, other, null).status()).isEqualTo(404);
        Reply hubspot = gateway.call("POST", "/v1/export/hubspot", other, Map.of("conversationId", conversation));
        assertThat(hubspot.status()).isEqualTo(404);
        Download file = download(url, other);
        assertThat(file.status()).isEqualTo(404);
        assertThat(file.text()).contains("\"success\":false");
    }

    @Test
    void aKeyWithoutEmailReadCannotDownloadAFile() {
        String url = export("html", "").json().at("/data/files/0/url").asString();
        String sendOnly = gateway.createKey(tenant.account(), "test", "email:send").get("key").asString();

        assertThat(download(url, sendOnly).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/export/html/" + conversation, sendOnly, null).status()).isEqualTo(403);
    }

    @Test
    void answersBadFormatsOptionsAndIdsWithJsonErrors() {
        assertError(export("docx", ""), 404);
        assertError(export("hubspot", ""), 400);
        assertError(export("klaviyo", "?klaviyoType=amp"), 400);
        assertError(gateway.call("GET", "/v1/export/html/not-an-id", tenant.key(), null), 404);
        assertError(gateway.call("GET", "/v1/export/html/" + UUID.randomUUID(), tenant.key(), null), 404);
        assertError(gateway.call("POST", "/v1/export/hubspot", tenant.key(), Map.of()), 400);
        assertError(gateway.call("POST", "/v1/export/hubspot", tenant.key(), Map.of("conversationId", conversation,
                "customOptions", Map.of("customInstructions", 42))), 400);
        assertError(gateway.call("POST", "/v1/export/hubspot", tenant.key(), Map.of("conversationId", conversation,
                "customOptions", "none")), 400);

        String url = export("html", "").json().at("/data/files/0/url").asString();
        String path = URI.create(url).getPath();
        assertError(gateway.getWithKey(path.substring(0, path.lastIndexOf('/')) + "/other.html", tenant.key()), 404);
        assertError(gateway.getWithKey("/v1/export/files/" + UUID.randomUUID() + "/x.html", tenant.key()), 404);
        assertError(gateway.getWithKey("/v1/export/files/nope/x.html", tenant.key()), 404);
    }

    private static void assertError(Reply reply, int status) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("success").asBoolean()).isFalse();
    }

    /** A conversation of the tenant's project still being generated, written directly: generation is too fast. */
    private String unfinishedConversation() {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into conversations (id, project_id, prompt, status, created_at, updated_at) "
                        + "values (?, ?, ?, 'processing', ?, ?)")
                .params(id, UUID.fromString(tenant.project()), PROMPT, now, now).update();
        return id.toString();
    }

    /** The delivery of an export event about {@code conversationId} to the tenant's webhook, as its payload. */
    private JsonNode awaitDelivery(String type, String conversationId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> payloads = jdbc.sql("select payload from webhook_deliveries where webhook_id = ? "
                            + "and event_type = ?")
                    .params(UUID.fromString(webhook), type).query(String.class).list();
            for (String payload : payloads) {
                JsonNode event = JSON.readTree(payload);
                if (event.at("/data/conversationId").asString().equals(conversationId)) {
                    assertThat(event.get("type").asString()).isEqualTo(type);
                    return event;
                }
            }
            pause();
        }
        throw new AssertionError("No " + type + " delivery for " + conversationId + " within " + WAIT);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
