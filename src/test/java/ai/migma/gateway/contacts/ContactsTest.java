package ai.migma.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The contact routes over HTTP, with the SDK's paths, parameters and shapes (docs/API.md, "Routes" and "Resources").
 */
@GatewayTest
class ContactsTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String project;
    String key;

    @BeforeEach
    void accountWithAProject() {
        Tenant tenant = gateway.tenant("audience:read", "audience:write");
        account = tenant.account();
        project = tenant.project();
        key = tenant.key();
    }

    private Reply create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("projectId", project);
        return gateway.call("POST", "/v1/contacts", key, body);
    }

    @Test
    void createsAContactWithTheShapeTheSdkReads() {
        Reply reply = create(Map.of("email", "Ada@Example.com", "firstName", "Ada", "lastName", "Lovelace",
                "country", "gb", "language", "en-GB", "tags", List.of("vip", "VIP", "beta"),
                "customFields", Map.of("plan", "pro", "seats", 3)));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode contact = reply.json().get("data");
        assertThat(contact.propertyNames()).contains("id", "email", "firstName", "lastName", "country", "language",
                "tags", "customFields", "status", "createdAt", "updatedAt");
        assertThat(contact.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(contact.get("country").asString()).isEqualTo("GB");
        assertThat(contact.get("tags").valueStream().map(JsonNode::asString)).containsExactly("vip", "beta");
        assertThat(contact.at("/customFields/seats").asInt()).isEqualTo(3);
        assertThat(contact.get("status").asString()).isEqualTo("active");
        assertThat(contact.get("createdAt").asString()).endsWith("Z");

        Reply read = gateway.call("GET", "/v1/contacts/" + contact.get("id").asString() + "?projectId=" + project,
                key, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("data")).isEqualTo(contact);
    }

    @Test
    void theLegacySubscribersRouteCreatesAContactToo() {
        Reply reply = gateway.call("POST", "/v1/subscribers", key, Map.of("projectId", project,
                "email", "legacy@example.com"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().at("/data/email").asString()).isEqualTo("legacy@example.com");
    }

    @Test
    void refusesASecondContactWithTheSameEmailWith409() {
        create(Map.of("email", "one@example.com"));

        Reply again = create(Map.of("email", "ONE@example.com"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("conflict");
    }

    @Test
    void namesTheInvalidFieldIn400() {
        assertError(create(Map.of("email", "not-an-email")), "email must be a valid email address");
        assertError(create(Map.of()), "email is required");
        assertError(create(Map.of("email", "a@example.com", "country", "Germany")), "country");
        assertError(create(Map.of("email", "a@example.com", "status", "gone")), "status must be one of");
        assertError(gateway.call("POST", "/v1/contacts", key, Map.of("email", "a@example.com")),
                "projectId is required");
        assertError(gateway.call("POST", "/v1/contacts", key, "{\"email\": 5, \"tags\": \"x\"}"), "");
    }

    private static void assertError(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        assertThat(reply.json().get("error").asString()).contains(message);
    }

    @Test
    void listsInPagesWithCountAndFilters() {
        create(Map.of("email", "a@example.com", "firstName", "Ann", "tags", List.of("vip")));
        create(Map.of("email", "b@example.com", "firstName", "Bob", "tags", List.of("beta")));
        create(Map.of("email", "c@example.com", "firstName", "Cy", "status", "unsubscribed"));

        Reply page = gateway.call("GET", "/v1/contacts?projectId=" + project + "&page=1&limit=2", key, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("count").asInt()).isEqualTo(3);
        assertThat(page.json().get("data")).hasSize(2);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project + "&page=2&limit=2", key, null).json()
                .get("data")).hasSize(1);

        assertThat(emails("&tags=VIP,beta")).containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(emails("&status=unsubscribed")).containsExactly("c@example.com");
        assertThat(emails("&search=bo")).containsExactly("b@example.com");
        assertThat(emails("&search=%25")).isEmpty();
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project + "&limit=101", key, null).status())
                .isEqualTo(400);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project + "&page=0", key, null).status())
                .isEqualTo(400);
    }

    private List<String> emails(String query) {
        Reply reply = gateway.call("GET", "/v1/contacts?projectId=" + project + query, key, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("count").asInt()).isEqualTo(reply.json().get("data").size());
        return reply.json().get("data").valueStream().map(c -> c.get("email").asString()).toList();
    }

    @Test
    void updatesTheGivenFieldsAndDeletes() {
        String id = create(Map.of("email", "u@example.com", "firstName", "Old", "lastName", "Kept")).json()
                .at("/data/id").asString();

        Reply patched = gateway.call("PATCH", "/v1/contacts/" + id, key, Map.of("projectId", project,
                "firstName", "New", "status", "unsubscribed"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/data/firstName").asString()).isEqualTo("New");
        assertThat(patched.json().at("/data/lastName").asString()).isEqualTo("Kept");
        assertThat(patched.json().at("/data/status").asString()).isEqualTo("unsubscribed");
        assertThat(patched.json().at("/data/unsubscribedAt").isNull()).isFalse();

        Reply deleted = gateway.call("DELETE", "/v1/contacts/" + id + "?projectId=" + project, key, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("data").get("id").asString()).isEqualTo(id);
        assertThat(deleted.json().get("data").get("deleted").asBoolean()).isTrue();
        assertThat(gateway.call("GET", "/v1/contacts/" + id + "?projectId=" + project, key, null).status())
                .isEqualTo(404);
        assertThat(gateway.call("DELETE", "/v1/contacts/" + id + "?projectId=" + project, key, null).status())
                .isEqualTo(404);
    }

    @Test
    void bulkImportUpsertsByEmailAndReportsEachFailure() {
        create(Map.of("email", "known@example.com", "firstName", "Before", "lastName", "Stays"));

        Reply reply = gateway.call("POST", "/v1/contacts/bulk", key, Map.of("projectId", project, "subscribers",
                List.of(Map.of("email", "new1@example.com"), Map.of("email", "new2@example.com", "tags", List.of("x")),
                        Map.of("email", "KNOWN@example.com", "firstName", "After"), Map.of("email", "broken"))));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode result = reply.json().get("data");
        assertThat(result.get("success").asInt()).isEqualTo(2);
        assertThat(result.get("updated").asInt()).isEqualTo(1);
        assertThat(result.get("failed").asInt()).isEqualTo(1);
        assertThat(result.get("errors").get(0).asString()).isEqualTo(
                "subscribers[3].email must be a valid email address");
        JsonNode known = gateway.call("GET", "/v1/contacts?projectId=" + project + "&search=known", key, null).json()
                .at("/data/0");
        assertThat(known.get("firstName").asString()).isEqualTo("After");
        assertThat(known.get("lastName").asString()).isEqualTo("Stays");
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project, key, null).json().get("count").asInt())
                .isEqualTo(3);
    }

    /** A bulk import is larger than other bodies by design: its own budget, on that route only. */
    @Test
    void aBulkImportOverTheGeneralBodyLimitIsAcceptedWhereOtherRoutesSay413() {
        List<Map<String, Object>> subscribers = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            subscribers.add(Map.of("email", "named" + i + "@example.com", "firstName", "Firstname" + i,
                    "lastName", "Lastname" + i, "tags", List.of("imported", "spring-campaign"),
                    "customFields", Map.of("plan", "professional", "city", "Lisbon", "source", "newsletter")));
        }
        Map<String, Object> body = Map.of("subscribers", subscribers, "projectId", project);
        assertThat(GatewayClient.json(body).length()).as("over the general 1 MB").isGreaterThan(1_048_576);

        Reply bulk = gateway.call("POST", "/v1/contacts/bulk", key, body);
        Reply elsewhere = gateway.call("POST", "/v1/contacts/status", key, body);

        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        assertThat(bulk.json().at("/data/status").asString()).isEqualTo("processing");
        assertThat(elsewhere.status()).isEqualTo(413);
    }

    /** The SDK's README: up to 5,000 contacts within the request; one more fits the 1 MB body and becomes a job. */
    @Test
    void fiveThousandAndOneContactsBecomeAJobThatImportsThemAll() throws InterruptedException {
        List<Map<String, Object>> subscribers = new ArrayList<>();
        for (int i = 0; i < 5_001; i++) {
            subscribers.add(Map.of("email", "subscriber" + i + "@example.com"));
        }

        Reply reply = gateway.call("POST", "/v1/contacts/bulk", key, Map.of("subscribers", subscribers,
                "projectId", project));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().at("/data/status").asString()).isEqualTo("processing");
        assertThat(reply.json().at("/data/totalContacts").asInt()).isEqualTo(5_001);
        String job = "/v1/contacts/bulk/" + reply.json().at("/data/jobId").asString();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        JsonNode status = gateway.getWithKey(job, key).json().get("data");
        while (!status.get("status").asString().equals("completed") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = gateway.getWithKey(job, key).json().get("data");
        }
        assertThat(status.at("/result/success").asInt()).as(status.toString()).isEqualTo(5_001);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project, key, null).json().get("count").asInt())
                .isEqualTo(5_001);
    }

    @Test
    void changesTheStatusOfAContactByEmail() {
        create(Map.of("email", "s@example.com"));

        Reply reply = gateway.call("POST", "/v1/contacts/status", key, Map.of("projectId", project,
                "email", "S@example.com", "status", "unsubscribed"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/data/success").asBoolean()).isTrue();
        assertThat(emails("&status=unsubscribed")).containsExactly("s@example.com");
        assertThat(gateway.call("POST", "/v1/contacts/status", key, Map.of("projectId", project,
                "email", "nobody@example.com", "status", "unsubscribed")).status()).isEqualTo(404);
    }

    /** The SDK's {@code ContactStatus}: every status a contact is answered with. */
    private static final List<String> CONTACT_STATUSES = List.of("active", "unsubscribed", "bounced", "complained");

    @Test
    void answersEveryStatusInTheVocabularyOfTheSdksContactType() {
        Map<String, String> answered = Map.of("subscribed", "active", "active", "active",
                "unsubscribed", "unsubscribed", "bounced", "bounced", "complained", "complained",
                "non-subscribed", "unsubscribed");

        answered.forEach((sent, expected) -> {
            Reply reply = create(Map.of("email", sent + "@example.com", "status", sent));
            assertThat(reply.status()).as(sent + ": " + reply.text()).isEqualTo(201);
            assertThat(reply.json().at("/data/status").asString()).as(sent).isEqualTo(expected);
        });
        JsonNode all = gateway.call("GET", "/v1/contacts?projectId=" + project, key, null).json().get("data");
        assertThat(all).hasSize(6);
        all.forEach(contact -> assertThat(CONTACT_STATUSES).contains(contact.get("status").asString()));
    }

    @Test
    void filtersByStatusInEitherVocabulary() {
        create(Map.of("email", "sub@example.com"));
        create(Map.of("email", "unsub@example.com", "status", "unsubscribed"));
        create(Map.of("email", "never@example.com", "status", "non-subscribed"));
        create(Map.of("email", "spam@example.com", "status", "complained"));

        assertThat(emails("&status=active")).containsExactly("sub@example.com");
        assertThat(emails("&status=subscribed")).containsExactly("sub@example.com");
        assertThat(emails("&status=complained")).containsExactly("spam@example.com");
        assertThat(emails("&status=unsubscribed")).containsExactlyInAnyOrder("unsub@example.com",
                "never@example.com");
        assertThat(emails("&status=non-subscribed")).containsExactly("never@example.com");
        assertError(gateway.call("GET", "/v1/contacts?projectId=" + project + "&status=gone", key, null),
                "status must be one of active, subscribed, unsubscribed, bounced, complained, non-subscribed");
    }

    @Test
    void updatesTheStatusInEitherVocabulary() {
        String id = create(Map.of("email", "v@example.com", "status", "unsubscribed")).json().at("/data/id")
                .asString();

        Reply active = gateway.call("PATCH", "/v1/contacts/" + id, key, Map.of("projectId", project,
                "status", "active"));
        assertThat(active.status()).as(active.text()).isEqualTo(200);
        assertThat(active.json().at("/data/status").asString()).isEqualTo("active");
        assertThat(active.json().get("data").has("unsubscribedAt")).isFalse();
        assertThat(gateway.call("POST", "/v1/contacts/status", key, Map.of("projectId", project,
                "email", "v@example.com", "status", "complained")).status()).isEqualTo(200);
        assertThat(emails("&status=complained")).containsExactly("v@example.com");
    }

    @Test
    void leavesOptionalFieldsAbsentRatherThanNull() {
        JsonNode contact = create(Map.of("email", "bare@example.com")).json().get("data");

        assertThat(contact.propertyNames()).containsExactlyInAnyOrder("id", "email", "tags", "customFields",
                "status", "createdAt", "updatedAt");
        assertThat(contact.get("tags").isArray()).isTrue();
        assertThat(contact.get("customFields").isObject()).isTrue();
        contact.properties().forEach(field -> assertThat(field.getValue().isNull()).as(field.getKey()).isFalse());
    }

    @Test
    void getsAContactByEmailAsWellAsById() {
        JsonNode created = create(Map.of("email", "ada@example.com", "firstName", "Ada")).json().get("data");

        Reply byEmail = gateway.call("GET", "/v1/contacts/Ada@Example.com?projectId=" + project, key, null);
        Reply encoded = gateway.call("GET", "/v1/contacts/ada%40example.com?projectId=" + project, key, null);

        assertThat(byEmail.status()).as(byEmail.text()).isEqualTo(200);
        assertThat(byEmail.json().get("data")).isEqualTo(created);
        assertThat(encoded.json().get("data")).isEqualTo(created);
        assertThat(gateway.call("GET", "/v1/contacts/nobody@example.com?projectId=" + project, key, null).status())
                .isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/contacts/a@b@c?projectId=" + project, key, null).status())
                .isEqualTo(404);
        Tenant other = gateway.tenant("audience:read");
        assertThat(gateway.call("GET", "/v1/contacts/ada@example.com?projectId=" + other.project(), other.key(),
                null).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsProjectAndContactsAre404() {
        String id = create(Map.of("email", "mine@example.com")).json().at("/data/id").asString();
        String otherAccount = gateway.createAccount("pro", null);
        String otherProject = gateway.createProject(otherAccount, "Theirs");
        String otherKey = gateway.createKey(otherAccount, "test", "audience:read", "audience:write").get("key")
                .asString();

        Reply byProject = gateway.call("GET", "/v1/contacts?projectId=" + project, otherKey, null);
        assertThat(byProject.status()).isEqualTo(404);
        assertThat(byProject.json().get("error").asString()).isEqualTo("Project not found");
        assertThat(gateway.call("GET", "/v1/contacts/" + id + "?projectId=" + otherProject, otherKey, null).status())
                .isEqualTo(404);
        assertThat(gateway.call("PATCH", "/v1/contacts/" + id, otherKey, Map.of("projectId", otherProject,
                "firstName", "Mallory")).status()).isEqualTo(404);
        assertThat(gateway.call("DELETE", "/v1/contacts/" + id + "?projectId=" + otherProject, otherKey, null)
                .status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/contacts", otherKey, Map.of("projectId", project,
                "email", "x@example.com")).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/contacts/" + id + "?projectId=" + project, key, null).json()
                .at("/data/firstName").isMissingNode()).isTrue();
    }

    @Test
    void readingNeedsAudienceReadAndWritingAudienceWrite() {
        String readOnly = gateway.createKey(account, "test", "audience:read").get("key").asString();
        String writeOnly = gateway.createKey(account, "test", "audience:write").get("key").asString();

        assertThat(gateway.call("POST", "/v1/contacts", readOnly, Map.of("projectId", project,
                "email", "r@example.com")).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project, writeOnly, null).status())
                .isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/contacts?projectId=" + project, readOnly, null).status())
                .isEqualTo(200);
    }
}
