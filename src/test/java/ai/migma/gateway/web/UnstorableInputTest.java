package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text PostgreSQL cannot store, and instants it cannot either, sent to every write route of the API and the admin
 * API, in every text field of a body the route accepts, and in every text parameter: each is a 400 envelope that
 * names the field, never a 500. The table of write routes must list every write rule of the route table, so a new
 * route cannot be forgotten here.
 */
@GatewayTest
class UnstorableInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARK = "@@unstorable@@";
    /** The fields that are free-form maps, whose keys are stored as sent. */
    private static final List<String> MAPS = List.of("customFields", "nested", "variables", "filters");
    /** JSON escapes, as a client would send them: a NUL, and the first half of a surrogate pair alone. */
    private static final List<String> UNSTORABLE = List.of("a\\u0000b", "a\\ud800b", "\\udc00");

    @Autowired
    GatewayClient gateway;
    String account;
    String key;

    private record Route(String method, String path, String body) {
    }

    @BeforeEach
    void account() {
        account = gateway.createAccount("enterprise", 100_000);
        key = gateway.createKey(account, "test", Permission.builtIn().stream().map(Permission::scope)
                .toArray(String[]::new)).get("key").asString();
    }

    /** Each write route with a body that uses every text field it reads ({@code id}: any id, the body comes first). */
    private List<Route> writeRoutes() {
        String id = UUID.randomUUID().toString();
        String project = UUID.randomUUID().toString();
        String contact = """
                {"projectId": "%s", "email": "a@example.com", "firstName": "A", "lastName": "B", "phone": "1",
                 "country": "FR", "language": "fr", "tags": ["vip"], "customFields": {"city": "Paris",
                 "nested": {"list": ["x"]}}, "status": "subscribed"}""".formatted(project);
        String admin = "/admin/v1/accounts/" + account;
        return List.of(
                new Route("POST", "/v1/contacts", contact),
                new Route("POST", "/v1/subscribers", contact),
                new Route("PATCH", "/v1/contacts/" + id, contact),
                new Route("POST", "/v1/contacts/bulk", """
                        {"projectId": "%s", "subscribers": [{"email": "a@example.com", "firstName": "A",
                         "tags": ["t"], "customFields": {"k": "v"}}]}""".formatted(project)),
                new Route("POST", "/v1/contacts/status", """
                        {"projectId": "%s", "email": "a@example.com", "status": "unsubscribed", "tags": ["t"]}"""
                        .formatted(project)),
                new Route("POST", "/v1/tags", """
                        {"projectId": "%s", "name": "n", "color": "#fff", "description": "d"}""".formatted(project)),
                new Route("PATCH", "/v1/tags/" + id, """
                        {"projectId": "%s", "name": "n", "color": "#fff", "description": "d"}""".formatted(project)),
                new Route("POST", "/v1/segments", """
                        {"projectId": "%s", "name": "n", "description": "d", "filters": {"tags": ["t"],
                         "status": "subscribed", "customFields": {"k": "v"}}}""".formatted(project)),
                new Route("PATCH", "/v1/segments/" + id, """
                        {"projectId": "%s", "name": "n", "description": "d", "filters": {"tags": ["t"]}}"""
                        .formatted(project)),
                new Route("POST", "/v1/sending", """
                        {"recipientType": "email", "recipientEmail": "a@example.com", "recipientId": "r",
                         "from": "f@example.com", "fromName": "F", "subject": "s", "template": "<p>x</p>",
                         "templateId": "t", "variables": {"name": "v"}, "projectId": "%s", "conversationId": "c",
                         "providerType": "ses"}""".formatted(project)),
                new Route("POST", "/v1/projects/import", """
                        {"urls": ["https://a.example"], "logoUrls": {"primary": "https://a.example/l.png"}}"""),
                new Route("POST", "/v1/projects/import/" + id + "/retry", null),
                new Route("POST", "/v1/projects/" + project + "/knowledge-base", """
                        {"title": "t", "content": "c"}"""),
                new Route("PUT", "/v1/projects/" + project + "/knowledge-base/" + id, """
                        {"title": "t", "content": "c"}"""),
                new Route("DELETE", "/v1/projects/" + project + "/knowledge-base/" + id, null),
                new Route("POST", "/v1/projects/" + project + "/images", """
                        {"url": "https://a.example/i.png", "description": "d", "tags": ["t"]}"""),
                new Route("PUT", "/v1/projects/" + project + "/images", """
                        {"imageUrl": "https://a.example/i.png", "description": "d", "tags": ["t"]}"""),
                new Route("DELETE", "/v1/projects/" + project + "/images?imageUrl=https://a.example/i.png", null),
                new Route("PUT", "/v1/projects/" + project + "/logos", """
                        {"primary": "https://a.example/p.png", "secondary": "https://a.example/s.png",
                         "favicon": "https://a.example/f.ico"}"""),
                new Route("POST", "/v1/projects/emails/generate", """
                        {"projectId": "%s", "prompt": "p", "images": [{"source": {"type": "url",
                         "url": "https://a.example/i.png"}}], "model": "m", "languages": ["en"],
                         "visibility": "private", "referenceId": "r"}""".formatted(project)),
                new Route("POST", "/v1/emails/test/send", """
                        {"conversationId": "%s", "to": "a@example.com"}""".formatted(id)),
                new Route("POST", "/v1/export/hubspot", """
                        {"conversationId": "%s", "customOptions": {"customInstructions": "c"}}""".formatted(id)),
                new Route("POST", "/v1/emails/validate/all", """
                        {"html": "<p>x</p>", "subject": "s", "options": {"clients": ["gmail"],
                         "languages": ["en"]}}"""),
                new Route("POST", "/v1/emails/validate/compatibility", """
                        {"html": "<p>x</p>", "clients": ["gmail"]}"""),
                new Route("POST", "/v1/emails/validate/links", "{\"html\": \"<p>x</p>\"}"),
                new Route("POST", "/v1/emails/validate/spelling", """
                        {"html": "<p>x</p>", "languages": ["en"]}"""),
                new Route("POST", "/v1/emails/validate/deliverability", """
                        {"html": "<p>x</p>", "subject": "s", "fromName": "f", "fromEmail": "f@example.com"}"""),
                new Route("POST", "/v1/emails/previews", """
                        {"html": "<p>x</p>", "subject": "s", "devices": ["gmail-chrome"], "name": "n"}"""),
                new Route("POST", "/v1/webhooks", """
                        {"url": "http://127.0.0.1:9/hook", "events": ["subscriber.added"], "description": "d",
                         "customHeaders": {"X-A": "b"}}"""),
                new Route("PATCH", "/v1/webhooks/" + id, """
                        {"url": "http://127.0.0.1:9/hook", "events": ["subscriber.added"], "description": "d",
                         "customHeaders": {"X-A": "b"}}"""),
                new Route("POST", "/v1/topics", """
                        {"projectId": "%s", "name": "n", "description": "d", "defaultSubscription": "opt_in",
                         "visibility": "public"}""".formatted(project)),
                new Route("PATCH", "/v1/topics/" + id, """
                        {"projectId": "%s", "name": "n", "description": "d", "visibility": "public"}"""
                        .formatted(project)),
                new Route("DELETE", "/v1/topics/" + id, null),
                new Route("POST", "/v1/topics/" + id + "/subscribe", """
                        {"projectId": "%s", "subscriberId": "%s"}""".formatted(project, id)),
                new Route("POST", "/v1/topics/" + id + "/unsubscribe", """
                        {"projectId": "%s", "subscriberId": "%s"}""".formatted(project, id)),
                new Route("POST", "/v1/campaigns", """
                        {"projectId": "%s", "name": "n", "conversationId": "%s", "subject": "s",
                         "preheaderText": "p", "from": "f@example.com", "fromName": "F", "replyTo": "r@example.com",
                         "recipientType": "tag", "recipientId": "%s", "topicId": "%s", "providerType": "ses",
                         "variables": {"name": "v"}}""".formatted(project, id, id, id)),
                new Route("POST", "/v1/campaigns/" + id + "/send", null),
                new Route("POST", "/v1/campaigns/" + id + "/schedule", """
                        {"scheduledAt": "2030-01-01T09:00:00", "scheduledTimezone": "Europe/Paris"}"""),
                new Route("POST", "/v1/campaigns/" + id + "/cancel", null),
                new Route("POST", "/v1/domains", "{\"domain\": \"shop.example.org\", \"region\": \"us-east-1\"}"),
                new Route("POST", "/v1/domains/shop.example.org/verify", null),
                new Route("PATCH", "/v1/domains/shop.example.org", "{\"openTracking\": true}"),
                new Route("DELETE", "/v1/domains/shop.example.org", null),
                new Route("POST", "/v1/domains/managed", "{\"prefix\": \"shop\", \"region\": \"us-east-1\"}"),
                new Route("DELETE", "/v1/domains/managed/shop.example.org", null),
                new Route("POST", "/v1/webhooks/" + id + "/test", null),
                new Route("DELETE", "/v1/contacts/" + id, null),
                new Route("DELETE", "/v1/tags/" + id, null),
                new Route("DELETE", "/v1/segments/" + id, null),
                new Route("DELETE", "/v1/webhooks/" + id, null),
                new Route("POST", "/admin/v1/accounts", "{\"name\": \"n\", \"plan\": \"free\"}"),
                new Route("PATCH", admin, "{\"name\": \"n\", \"plan\": \"free\"}"),
                new Route("POST", admin + "/projects",
                        "{\"name\": \"n\", \"description\": \"d\", \"domain\": \"x.io\"}"),
                new Route("POST", admin + "/projects/" + project + "/templates",
                        "{\"name\": \"n\", \"subject\": \"s\", \"html\": \"<p>x</p>\"}"),
                new Route("POST", admin + "/api-keys",
                        "{\"name\": \"n\", \"environment\": \"test\", \"permissions\": [\"audience:read\"]}"),
                new Route("PATCH", admin + "/api-keys/abcd1234",
                        "{\"name\": \"n\", \"permissions\": [\"audience:read\"]}"),
                new Route("POST", admin + "/users",
                        "{\"email\": \"u@example.com\", \"password\": \"long enough pw\"}"));
    }

    @Test
    void theTableListsEveryWriteRuleOfTheRouteTable() {
        List<String> listed = writeRoutes().stream().map(route -> route.method() + " "
                + route.path().replaceAll("\\?.*", "").replaceAll("[0-9a-f-]{36}", "{id}")
                .replace("shop.example.org", "{id}")).toList();

        // Every variable is any id here, whatever the rule names it ({projectId}, {entryId}).
        assertThat(listed).containsAll(RoutePermissions.RULES.stream().filter(rule -> !rule.method().name()
                .equals("GET")).map(rule -> rule.method() + " " + rule.pattern().replaceAll("\\{[A-Za-z]+}", "{id}"))
                .toList());
    }

    @Test
    void unstorableTextInAnyBodyFieldIs400NamingTheField() {
        List<Executable> checks = new ArrayList<>();
        for (Route route : writeRoutes()) {
            if (route.body() == null) {
                continue;
            }
            JsonNode body = JSON.readTree(route.body());
            for (String field : textFields(body, "")) {
                for (String unstorable : UNSTORABLE) {
                    checks.add(() -> {
                        String sent = JSON.writeValueAsString(replaced(body, field)).replace(MARK, unstorable);
                        Reply reply = send(route.method(), route.path(), sent);
                        assertThat(reply.status()).as(route.method() + " " + route.path() + " " + field + " "
                                + unstorable + ": " + reply.text()).isEqualTo(400);
                        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
                        // JSON's parser refuses half a surrogate pair in a key itself, naming the object it is in.
                        String expected = field.endsWith(" key") && !unstorable.contains("0000")
                                ? "Malformed JSON request body at " + reportedName(field).replace(" key", "")
                                : reportedName(field) + " must";
                        assertThat(reply.json().get("error").asString()).startsWith(expected);
                    });
                }
            }
        }
        assertThat(checks).hasSizeGreaterThan(100);
        assertAll(checks);
    }

    @Test
    void unstorableTextInAnyParameterIs400NamingTheParameter() {
        String project = UUID.randomUUID().toString();
        List<String> paths = List.of("/v1/contacts?projectId=" + project + "&search=%s",
                "/v1/contacts?projectId=" + project + "&tags=%s", "/v1/contacts?projectId=" + project + "&status=%s",
                "/v1/contacts?projectId=%s", "/v1/tags?projectId=" + project + "&search=%s",
                "/v1/tags?projectId=" + project + "&sortBy=%s", "/v1/segments?projectId=%s",
                "/v1/templates?projectId=%s", "/v1/sending?projectId=%s",
                "/v1/webhooks?x=%s", "/v1/projects?status=%s");
        assertAll(paths.stream().flatMap(path -> Stream.of("a\u0000b", "%00").map(value -> (Executable) () -> {
            String encoded = value.equals("%00") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
            Reply reply = gateway.call("GET", path.formatted(encoded), key, null);
            assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        })));
        Reply named = gateway.call("GET", "/v1/contacts?projectId=" + project + "&search=ca%00e", key, null);
        assertThat(named.json().get("error").asString()).isEqualTo("search must not contain NUL characters");
    }

    /** Parameters come from a form body too, with no query string at all. */
    @Test
    void unstorableTextInAFormBodysParameterIs400NamingIt() {
        Reply reply = gateway.send("POST", "/v1/contacts", "name=a%00b", "Authorization", "Bearer " + key,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("name must not contain NUL characters");
    }

    @Test
    void instantsOutsideYearsOneTo9999Are400NamingTheField() {
        String keyId = gateway.createKey(account, "test").get("id").asString();
        String usage = "/admin/v1/accounts/" + account + "/api-keys/" + keyId + "/usage";
        for (String to : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z")) {
            Reply reply = gateway.admin("GET", usage + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null);
            assertThat(reply.status()).as(to + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).startsWith("to ");
            reply = gateway.admin("GET", usage + "?from=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null);
            assertThat(reply.status()).as(to + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).startsWith("from ");
        }
        Reply far = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys", Map.of("name", "n",
                "environment", "test", "permissions", List.of(), "expiresAt", "+999999999-12-31T23:59:59Z"));
        assertThat(far.status()).as(far.text()).isEqualTo(400);
        assertThat(far.json().get("error").asString()).startsWith("expiresAt ");
    }

    @Test
    void errorRequestedDirectlyIsA404Envelope() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            Reply reply = gateway.send(method, "/error", null);
            assertThat(reply.status()).as(method).isEqualTo(404);
            assertThat(reply.json().get("code").asString()).isEqualTo("not_found");
        }
    }

    private Reply send(String method, String path, String body) {
        String authorization = path.startsWith("/admin/") ? GatewayClient.ADMIN_TOKEN : key;
        return gateway.send(method, path, body, "Authorization", "Bearer " + authorization,
                "Content-Type", "application/json");
    }

    /** How the gateway names a field: a key by its object's path, since the key itself is what cannot be shown. */
    private static String reportedName(String field) {
        if (!field.endsWith(" key")) {
            return field;
        }
        String path = field.substring(0, field.length() - 4);
        return path.substring(0, path.lastIndexOf('.')) + " key";
    }

    /** Every text value's path, plus {@code path key} for each object key (which is text too). */
    private static List<String> textFields(JsonNode node, String path) {
        List<String> fields = new ArrayList<>();
        if (node.isString()) {
            fields.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                fields.addAll(textFields(node.get(i), path + "[" + i + "]"));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                if (MAPS.stream().anyMatch(map -> path.equals(map) || path.endsWith("." + map))) {
                    fields.add(child + " key"); // a map's keys are text that is stored; a record's are not
                }
                fields.addAll(textFields(property.getValue(), child));
            }
        }
        return fields;
    }

    /** A copy of {@code body} whose {@code field} (a value, or with " key" the key) is the mark. */
    private static JsonNode replaced(JsonNode body, String field) {
        JsonNode copy = body.deepCopy();
        boolean isKey = field.endsWith(" key");
        String path = isKey ? field.substring(0, field.length() - 4) : field;
        List<String> steps = new ArrayList<>(List.of(path.split("\\.")));
        JsonNode parent = copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = step(parent, steps.get(i));
        }
        String last = steps.get(steps.size() - 1);
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            ArrayNode array = (ArrayNode) step(parent, last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            array.set(index, MARK);
        } else if (isKey) {
            ObjectNode object = (ObjectNode) parent;
            object.set(MARK, object.remove(last));
        } else {
            ((ObjectNode) parent).put(last, MARK);
        }
        return copy;
    }

    private static JsonNode step(JsonNode node, String step) {
        int bracket = step.indexOf('[');
        if (bracket < 0) {
            return node.get(step);
        }
        JsonNode array = node.get(step.substring(0, bracket));
        return array.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
    }
}
