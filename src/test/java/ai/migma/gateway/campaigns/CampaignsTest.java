package ai.migma.gateway.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's {@code campaigns} resource over HTTP with the SDK's bodies: created from a generated email, sent now or
 * at a time (in a time zone), cancelled; answers as the SDK's {@code Campaign} and {@code ListCampaignsResponse}.
 * A campaign's sending is a real batch of {@code /v1/sending}, of the subscribed contacts it reaches.
 */
@GatewayTest
class CampaignsTest {

    private static final List<String> STATUSES = List.of("draft", "scheduled", "sending", "throttled", "ab_testing",
            "sent", "failed", "cancelled");

    @Autowired
    GatewayClient gateway;
    @Autowired
    CampaignDelivery delivery;
    @Autowired
    Jobs jobs;
    @Autowired
    TransactionTemplate transactions;

    Tenant tenant;
    String key;
    String project;
    JsonNode email;
    String conversation;

    @BeforeEach
    void tenantWithAGeneratedEmailAndContacts() {
        tenant = gateway.tenant("campaign:read", "campaign:write", "email:send", "email:read", "audience:write",
                "audience:read");
        key = tenant.key();
        project = tenant.project();
        conversation = generate(project);
        email = gateway.getWithKey("/v1/projects/emails/" + conversation + "/status", key).json().at("/data/result");
        contact("a@example.com", "subscribed", "vip");
        contact("b@example.com", "subscribed", "vip");
        contact("c@example.com", "unsubscribed", "vip");
        contact("d@example.com", "subscribed");
    }

    private String generate(String inProject) {
        Reply started = gateway.call("POST", "/v1/projects/emails/generate", key, Map.of("projectId", inProject,
                "prompt", "Create a launch email for our autumn collection. Warm coats are 20% off."));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        String id = started.json().at("/data/conversationId").asString();
        Reply done = gateway.pollUntil("/v1/projects/emails/" + id + "/status", key, "/data/status", "completed",
                "failed");
        assertThat(done.json().at("/data/status").asString()).isEqualTo("completed");
        return id;
    }

    private String contact(String address, String status, String... tags) {
        Reply reply = gateway.call("POST", "/v1/contacts", key, Map.of("projectId", project, "email", address,
                "status", status, "tags", List.of(tags)));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().at("/data/id").asString();
    }

    private Reply create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("projectId", project, "name", "Autumn launch",
                "conversationId", conversation, "from", "news@shop.example", "fromName", "Shop",
                "recipientType", "audience", "recipientId", project));
        body.putAll(fields);
        return gateway.call("POST", "/v1/campaigns", key, body);
    }

    private String created(Map<String, Object> fields) {
        Reply reply = create(fields);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().at("/data/id").asString();
    }

    private Reply post(String campaign, String action, Object body) {
        return gateway.call("POST", "/v1/campaigns/" + campaign + "/" + action, key, body);
    }

    private JsonNode get(String campaign) {
        Reply reply = gateway.getWithKey("/v1/campaigns/" + campaign, key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json().get("data");
    }

    private JsonNode sendAndWait(String campaign) {
        Reply sent = post(campaign, "send", null);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        return gateway.pollUntil("/v1/campaigns/" + campaign, key, "/data/status", "sent", "failed").json()
                .get("data");
    }

    private JsonNode batch(String batchId) {
        Reply reply = gateway.getWithKey("/v1/sending/batches/" + batchId, key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json().get("data");
    }

    private long batchesOfProject() {
        return gateway.getWithKey("/v1/sending?projectId=" + project, key).json().get("count").asLong();
    }

    @Test
    void createsADraftFromAGeneratedEmailAndAnswersWithTheSdkShape() {
        Reply reply = create(Map.of());

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        JsonNode data = reply.json().get("data");
        assertThat(data.get("id").asString()).hasSize(36);
        assertThat(data.get("projectId").asString()).isEqualTo(project);
        assertThat(data.get("name").asString()).isEqualTo("Autumn launch");
        assertThat(data.get("conversationId").asString()).isEqualTo(conversation);
        assertThat(data.get("subject").asString()).as("the generated email's").isEqualTo(
                email.get("subject").asString());
        assertThat(data.get("preheaderText").asString()).isEqualTo(email.get("previewText").asString());
        assertThat(data.get("from").asString()).isEqualTo("news@shop.example");
        assertThat(data.get("fromName").asString()).isEqualTo("Shop");
        assertThat(data.get("recipientType").asString()).isEqualTo("audience");
        assertThat(data.get("recipientId").asString()).isEqualTo(project);
        assertThat(data.get("estimatedRecipients").isInt()).isTrue();
        assertThat(data.get("estimatedRecipients").asInt()).as("subscribed contacts only").isEqualTo(3);
        assertThat(data.get("providerType").asString()).isEqualTo("migma");
        assertThat(data.get("status").asString()).isEqualTo("draft");
        assertThat(data.get("triggeredBy").asString()).isEqualTo("api");
        assertThat(Instant.parse(data.get("createdAt").asString())).isNotNull();
        assertThat(Instant.parse(data.get("updatedAt").asString())).isNotNull();
        for (String empty : List.of("replyTo", "topicId", "variables", "scheduledAt", "scheduledTimezone", "batchId",
                "sentAt", "completedAt", "error")) {
            assertThat(data.get(empty)).as(empty).isNotNull();
            assertThat(data.get(empty).isNull()).as(empty + " is null until it holds something").isTrue();
        }
        assertThat(get(data.get("id").asString())).isEqualTo(data);
    }

    @Test
    void keepsWhatTheCreateNames() {
        JsonNode data = create(Map.of("subject", "Coats, 20% off", "preheaderText", "Until Sunday",
                "replyTo", "Help@Shop.example", "providerType", "sendgrid",
                "variables", Map.of("discount", 20, "season", "autumn"), "recipientId", "")).json().get("data");

        assertThat(data.get("subject").asString()).isEqualTo("Coats, 20% off");
        assertThat(data.get("preheaderText").asString()).isEqualTo("Until Sunday");
        assertThat(data.get("replyTo").asString()).isEqualTo("help@shop.example");
        assertThat(data.get("providerType").asString()).isEqualTo("sendgrid");
        assertThat(data.at("/variables/discount").asInt()).isEqualTo(20);
        assertThat(data.at("/variables/season").asString()).isEqualTo("autumn");
        assertThat(data.get("recipientId").asString()).as("the project's one audience").isEqualTo(project);
    }

    @Test
    void sendReachesSentWithABatchOfTheSubscribedContacts() {
        String campaign = created(Map.of());

        Reply sent = post(campaign, "send", null);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.json().at("/data/status").asString()).isIn("sending", "sent");
        JsonNode done = gateway.pollUntil("/v1/campaigns/" + campaign, key, "/data/status", "sent", "failed").json()
                .get("data");

        assertThat(done.get("status").asString()).isEqualTo("sent");
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("estimatedRecipients").asInt()).isEqualTo(3);
        Instant sentAt = Instant.parse(done.get("sentAt").asString());
        assertThat(Instant.parse(done.get("completedAt").asString())).isAfterOrEqualTo(sentAt);
        JsonNode batch = batch(done.get("batchId").asString());
        assertThat(batch.get("status").asString()).isEqualTo("completed");
        assertThat(batch.get("totalCount").asInt()).isEqualTo(3);
        assertThat(batch.get("sentCount").asInt()).isEqualTo(3);
        assertThat(batch.get("recipientType").asString()).isEqualTo("audience");
        assertThat(batch.get("subject").asString()).isEqualTo(done.get("subject").asString());
        assertThat(batch.get("from").asString()).isEqualTo("news@shop.example");
        assertThat(batchesOfProject()).isEqualTo(1);
    }

    @Test
    void aTagCampaignReachesTheTagsSubscribedContacts() {
        String tag = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "VIP")).json()
                .at("/data/id").asString();
        Reply reply = create(Map.of("recipientType", "tag", "recipientId", tag));
        assertThat(reply.json().at("/data/estimatedRecipients").asInt()).isEqualTo(2);

        JsonNode done = sendAndWait(reply.json().at("/data/id").asString());

        assertThat(done.get("status").asString()).isEqualTo("sent");
        assertThat(done.get("recipientType").asString()).isEqualTo("tag");
        assertThat(done.get("recipientId").asString()).isEqualTo(tag);
        JsonNode batch = batch(done.get("batchId").asString());
        assertThat(batch.get("totalCount").asInt()).isEqualTo(2);
        assertThat(batch.get("recipientId").asString()).isEqualTo(tag);
    }

    @Test
    void aTopicCampaignReachesOnlyTheTopicsSubscribedMembers() {
        String subscribed = contact("e@example.com", "subscribed");
        String unsubscribed = contact("f@example.com", "unsubscribed");
        Reply topic = gateway.call("POST", "/v1/topics", key, Map.of("projectId", project, "name", "Offers",
                "defaultSubscription", "opt_in"));
        assertThat(topic.status()).as(topic.text()).isEqualTo(201);
        String topicId = topic.json().at("/data/id").asString();
        for (String contact : List.of(subscribed, unsubscribed)) {
            assertThat(gateway.call("POST", "/v1/topics/" + topicId + "/subscribe", key, Map.of("subscriberId",
                    contact, "projectId", project)).status()).isEqualTo(200);
        }

        Reply reply = create(Map.of("topicId", topicId));
        assertThat(reply.json().at("/data/topicId").asString()).isEqualTo(topicId);
        assertThat(reply.json().at("/data/estimatedRecipients").asInt()).isEqualTo(1);
        JsonNode done = sendAndWait(reply.json().at("/data/id").asString());

        assertThat(done.get("status").asString()).isEqualTo("sent");
        assertThat(batch(done.get("batchId").asString()).get("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    void aScheduledCampaignSendsAtItsTimeAndNotBefore() {
        String campaign = created(Map.of());
        Instant at = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);

        Reply scheduled = post(campaign, "schedule", Map.of("scheduledAt", at.toString()));

        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(200);
        JsonNode data = scheduled.json().get("data");
        assertThat(data.get("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(data.get("scheduledAt").asString())).isEqualTo(at);
        assertThat(data.get("scheduledTimezone").asString()).isEqualTo("UTC");
        assertThat(data.get("batchId").isNull()).isTrue();
        JsonNode before = get(campaign);
        assertThat(Instant.now()).as("still before its time").isBefore(at);
        assertThat(before.get("status").asString()).isEqualTo("scheduled");
        assertThat(batchesOfProject()).isZero();

        JsonNode done = gateway.pollUntil("/v1/campaigns/" + campaign, key, "/data/status", "sent", "failed").json()
                .get("data");

        assertThat(done.get("status").asString()).isEqualTo("sent");
        assertThat(Instant.parse(done.get("sentAt").asString())).isAfterOrEqualTo(at);
        assertThat(batchesOfProject()).isEqualTo(1);
    }

    @Test
    void schedulesALocalTimeInItsTimezone() {
        String campaign = created(Map.of());
        LocalDateTime local = LocalDateTime.now().plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);

        JsonNode data = post(campaign, "schedule", Map.of("scheduledAt", local.toString(),
                "scheduledTimezone", "Asia/Tokyo")).json().get("data");

        assertThat(data.get("status").asString()).isEqualTo("scheduled");
        assertThat(data.get("scheduledTimezone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(Instant.parse(data.get("scheduledAt").asString()))
                .isEqualTo(local.atZone(ZoneId.of("Asia/Tokyo")).toInstant());

        Instant withOffset = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode moved = post(campaign, "schedule", Map.of("scheduledAt",
                withOffset.atOffset(ZoneOffset.ofHours(-5)).toString(),
                "scheduledTimezone", "America/New_York")).json().get("data");
        assertThat(Instant.parse(moved.get("scheduledAt").asString())).as("an offset names the instant")
                .isEqualTo(withOffset);
        assertThat(moved.get("scheduledTimezone").asString()).isEqualTo("America/New_York");
        assertThat(post(campaign, "cancel", null).json().at("/data/status").asString()).isEqualTo("cancelled");
    }

    @Test
    void aCancelledScheduledCampaignNeverSends() throws InterruptedException {
        String campaign = created(Map.of());
        Instant at = Instant.now().plusMillis(700);
        assertThat(post(campaign, "schedule", Map.of("scheduledAt", at.toString())).status()).isEqualTo(200);

        Reply cancelled = post(campaign, "cancel", null);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.json().at("/data/status").asString()).isEqualTo("cancelled");
        Thread.sleep(Math.max(0, at.toEpochMilli() - System.currentTimeMillis()) + 800);
        JsonNode after = get(campaign);
        assertThat(after.get("status").asString()).isEqualTo("cancelled");
        assertThat(after.get("batchId").isNull()).isTrue();
        assertThat(after.get("sentAt").isNull()).isTrue();
        assertThat(batchesOfProject()).isZero();
    }

    @Test
    void aSentCampaignCannotBeCancelledSentOrScheduledAgain() {
        String campaign = created(Map.of());
        assertThat(sendAndWait(campaign).get("status").asString()).isEqualTo("sent");

        Reply cancel = post(campaign, "cancel", null);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().get("error").asString()).contains("this one is sent");
        assertThat(post(campaign, "send", null).status()).isEqualTo(409);
        assertThat(post(campaign, "schedule", Map.of("scheduledAt", Instant.now().plusSeconds(60).toString()))
                .status()).isEqualTo(409);
        assertThat(batchesOfProject()).isEqualTo(1);
    }

    @Test
    void aScheduledCampaignSentNowGoesOnceAndACancelledOneCannotBeSent() {
        String campaign = created(Map.of());
        post(campaign, "schedule", Map.of("scheduledAt", Instant.now().plusSeconds(3600).toString()));

        JsonNode done = sendAndWait(campaign);

        assertThat(done.get("status").asString()).isEqualTo("sent");
        assertThat(batchesOfProject()).isEqualTo(1);
        String other = created(Map.of());
        assertThat(post(other, "cancel", null).json().at("/data/status").asString()).isEqualTo("cancelled");
        assertThat(post(other, "send", null).status()).isEqualTo(409);
    }

    @Test
    void failsWithAnErrorWhenNoSubscribedContactIsLeftAtSendTime() {
        String tag = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "nobody")).json()
                .at("/data/id").asString();
        String campaign = created(Map.of("recipientType", "tag", "recipientId", tag));
        assertThat(get(campaign).get("estimatedRecipients").asInt()).isZero();

        JsonNode done = sendAndWait(campaign);

        assertThat(done.get("status").asString()).isEqualTo("failed");
        assertThat(done.get("error").asString()).contains("No subscribed contacts");
        assertThat(done.get("batchId").isNull()).isTrue();
        assertThat(batchesOfProject()).isZero();
    }

    @Test
    void failsWithAnErrorWhenItsTagIsDeletedBeforeItSends() {
        String tag = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "VIP")).json()
                .at("/data/id").asString();
        String campaign = created(Map.of("recipientType", "tag", "recipientId", tag));
        assertThat(gateway.call("DELETE", "/v1/tags/" + tag + "?projectId=" + project, key, null).status())
                .isEqualTo(200);

        JsonNode done = sendAndWait(campaign);

        assertThat(done.get("status").asString()).isEqualTo("failed");
        assertThat(done.get("error").asString()).isEqualTo("Tag not found");
    }

    @Test
    void listsTheProjectsCampaignsNewestFirstByStatusAndPage() {
        String first = created(Map.of("name", "First"));
        String second = created(Map.of("name", "Second"));
        String third = created(Map.of("name", "Third"));
        post(second, "cancel", null);

        JsonNode all = gateway.getWithKey("/v1/campaigns?projectId=" + project, key).json().get("data");
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("campaigns").valueStream().map(c -> c.get("id").asString()))
                .containsExactly(third, second, first);
        assertThat(all.get("campaigns").valueStream().map(c -> c.get("status").asString())).allMatch(
                STATUSES::contains);
        JsonNode drafts = gateway.getWithKey("/v1/campaigns?projectId=" + project + "&status=draft", key).json()
                .get("data");
        assertThat(drafts.get("total").asInt()).isEqualTo(2);
        assertThat(drafts.get("campaigns").valueStream().map(c -> c.get("id").asString()))
                .containsExactly(third, first);
        JsonNode page = gateway.getWithKey("/v1/campaigns?projectId=" + project + "&page=2&limit=2", key).json()
                .get("data");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("campaigns").valueStream().map(c -> c.get("id").asString())).containsExactly(first);
        assertThat(gateway.getWithKey("/v1/campaigns?projectId=" + project + "&status=sent", key).json()
                .at("/data/campaigns")).isEmpty();
    }

    @Test
    void namesWhatIsMissingOrWrongIn400() {
        assertError(create(Map.of("name", " ")), "name must not be blank");
        assertError(create(Map.of("conversationId", "")), "conversationId is required");
        assertError(create(Map.of("from", "nope")), "from must be a valid email address");
        assertError(create(Map.of("fromName", "")), "fromName must not be blank");
        assertError(create(Map.of("replyTo", "nope")), "replyTo must be a valid email address");
        assertError(create(Map.of("recipientType", "segment")), "recipientType must be one of audience, tag");
        assertError(create(Map.of("recipientType", "tag", "recipientId", "")), "recipientId is required");
        assertError(create(Map.of("providerType", "pigeon")), "providerType must be one of");
        assertError(create(Map.of("projectId", "")), "projectId is required");
        String list = "/v1/campaigns?projectId=" + project;
        assertError(gateway.getWithKey(list + "&status=queued", key), "status must be one of draft, scheduled");
        assertError(gateway.getWithKey(list + "&limit=101", key), "limit must be between 1 and 100");
        assertError(gateway.getWithKey(list + "&page=0", key), "page must be at least 1");
        assertError(gateway.getWithKey("/v1/campaigns", key), "projectId is required");

        String campaign = created(Map.of());
        assertError(post(campaign, "schedule", Map.of()), "scheduledAt is required");
        assertError(post(campaign, "schedule", Map.of("scheduledAt", "next tuesday")), "scheduledAt must be an ISO");
        assertError(post(campaign, "schedule", Map.of("scheduledAt", Instant.now().minusSeconds(1).toString())),
                "scheduledAt must be in the future");
        assertError(post(campaign, "schedule", Map.of("scheduledAt", Instant.now().plusSeconds(60).toString(),
                "scheduledTimezone", "Mars/Olympus")), "scheduledTimezone must be an IANA time zone");
        assertThat(get(campaign).get("status").asString()).isEqualTo("draft");
    }

    private static void assertError(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).contains(message);
    }

    @Test
    void refusesRecipientsAndEmailsTheProjectDoesNotHave() {
        assertThat(create(Map.of("recipientType", "tag", "recipientId", UUID.randomUUID().toString())).status())
                .isEqualTo(404);
        assertThat(create(Map.of("recipientId", UUID.randomUUID().toString())).status()).as("another audience")
                .isEqualTo(404);
        assertThat(create(Map.of("topicId", UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(create(Map.of("conversationId", UUID.randomUUID().toString())).status()).isEqualTo(404);
        String otherProject = gateway.createProject(tenant.account(), "Other shop");
        Reply otherEmail = create(Map.of("conversationId", generate(otherProject)));
        assertThat(otherEmail.status()).isEqualTo(400);
        assertThat(otherEmail.json().get("error").asString()).contains("another project");
    }

    @Test
    void campaignRoutesNeedTheCampaignScopes() {
        String campaign = created(Map.of());
        String readOnly = gateway.createKey(tenant.account(), "test", "campaign:read").get("key").asString();
        String writeOnly = gateway.createKey(tenant.account(), "test", "campaign:write").get("key").asString();

        assertThat(gateway.call("POST", "/v1/campaigns", readOnly, Map.of()).status()).isEqualTo(403);
        for (String action : List.of("send", "schedule", "cancel")) {
            assertThat(gateway.call("POST", "/v1/campaigns/" + campaign + "/" + action, readOnly, Map.of()).status())
                    .as(action).isEqualTo(403);
        }
        assertThat(gateway.getWithKey("/v1/campaigns?projectId=" + project, writeOnly).status()).isEqualTo(403);
        assertThat(gateway.getWithKey("/v1/campaigns/" + campaign, writeOnly).status()).isEqualTo(403);
        assertThat(gateway.getWithKey("/v1/campaigns/" + campaign, readOnly).status()).isEqualTo(200);
        assertThat(get(campaign).get("status").asString()).isEqualTo("draft");
    }

    @Test
    void anotherAccountsCampaignIsNotFound() {
        String campaign = created(Map.of());
        Tenant other = gateway.tenant("campaign:read", "campaign:write");

        assertThat(gateway.getWithKey("/v1/campaigns/" + campaign, other.key()).status()).isEqualTo(404);
        for (String action : List.of("send", "cancel")) {
            assertThat(gateway.call("POST", "/v1/campaigns/" + campaign + "/" + action, other.key(), null).status())
                    .as(action).isEqualTo(404);
        }
        assertThat(gateway.call("POST", "/v1/campaigns/" + campaign + "/schedule", other.key(), Map.of(
                "scheduledAt", Instant.now().plusSeconds(60).toString())).status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/campaigns?projectId=" + project, other.key()).status()).isEqualTo(404);
        Reply intoTheirProject = gateway.call("POST", "/v1/campaigns", other.key(), Map.of("projectId",
                other.project(), "name", "Mine", "conversationId", conversation, "from", "a@b.example",
                "fromName", "X", "recipientType", "audience", "recipientId", other.project()));
        assertThat(intoTheirProject.status()).as("another account's email").isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/campaigns/not-an-id", key).status()).isEqualTo(404);
        assertThat(get(campaign).get("status").asString()).isEqualTo("draft");
    }

    /** A step cut short by a crash is run again by the runner: the second run must not record a second batch. */
    @Test
    void runningTheFirstStepAgainRecordsOneBatch() {
        String campaign = created(Map.of());
        post(campaign, "schedule", Map.of("scheduledAt", Instant.now().plusSeconds(3600).toString()));
        UUID id = UUID.fromString(campaign);

        transactions.executeWithoutResult(status -> assertThat(delivery.advance(id, 0)).isTrue());
        // Its batch may be delivered by now, in which case this run completes the campaign instead.
        transactions.executeWithoutResult(status -> delivery.advance(id, 0));
        transactions.executeWithoutResult(status -> jobs.cancel(CampaignDelivery.KIND, id));

        JsonNode data = get(campaign);
        assertThat(data.get("status").asString()).isIn("sending", "sent");
        assertThat(data.get("batchId").isString()).isTrue();
        assertThat(batchesOfProject()).isEqualTo(1);
    }
}
