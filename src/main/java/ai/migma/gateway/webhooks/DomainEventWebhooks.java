package ai.migma.gateway.webhooks;

import ai.migma.gateway.apikey.ApiKeyCreated;
import ai.migma.gateway.apikey.ApiKeyRevoked;
import ai.migma.gateway.contacts.ContactAdded;
import ai.migma.gateway.contacts.ContactChanged;
import ai.migma.gateway.contacts.ContactView;
import ai.migma.gateway.contacts.ContactsImported;
import ai.migma.gateway.emails.EmailGenerationProgressed;
import ai.migma.gateway.emails.TestEmailSent;
import ai.migma.gateway.export.ExportFinished;
import ai.migma.gateway.projects.ProjectImportProgressed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the features' domain events into Migma's webhook events, so the features that publish know nothing of
 * webhooks. Each listener is an application module listener: it runs after the publishing transaction commits, in
 * a transaction of its own, and Spring Modulith's JDBC event publication registry records the event in the
 * publishing transaction until the listener has handled it. An event whose handling failed or was cut short by a
 * crash stays incomplete and is handled again (on restart, or when resubmitted); the outbox keeps one delivery per
 * webhook and event id, so handling an event twice stores it once.
 */
@Component
class DomainEventWebhooks { // not final: the listeners' transactions and asynchrony are proxies of a subclass

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final WebhookPublisher webhooks;
    private final JsonMapper json;

    DomainEventWebhooks(WebhookPublisher webhooks, JsonMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @ApplicationModuleListener
    void on(ApiKeyCreated created) {
        webhooks.publish(created.id(), created.accountId(), WebhookEvents.API_KEY_CREATED, created.key());
    }

    @ApplicationModuleListener
    void on(ApiKeyRevoked revoked) {
        webhooks.publish(revoked.id(), revoked.accountId(), WebhookEvents.API_KEY_REVOKED, revoked.key());
    }

    @ApplicationModuleListener
    void on(ContactAdded added) {
        webhooks.publish(added.id(), added.accountId(), WebhookEvents.SUBSCRIBER_ADDED, subscriber(added.projectId(),
                added.contact()));
    }

    @ApplicationModuleListener
    void on(ContactChanged changed) {
        String type = changed.unsubscribed() ? WebhookEvents.SUBSCRIBER_UNSUBSCRIBED : WebhookEvents.SUBSCRIBER_UPDATED;
        webhooks.publish(changed.id(), changed.accountId(), type, subscriber(changed.projectId(), changed.contact()));
    }

    @ApplicationModuleListener
    void on(ContactsImported imported) {
        webhooks.publish(imported.id(), imported.accountId(), WebhookEvents.SUBSCRIBER_BULK_IMPORTED,
                Map.of("projectId", imported.projectId().toString(), "success", imported.added(),
                        "failed", imported.failed(), "updated", imported.updated()));
    }

    @ApplicationModuleListener
    void on(ProjectImportProgressed progressed) {
        webhooks.publish(progressed.id(), progressed.accountId(), "project.import." + progressed.stage(),
                progressed.data());
    }

    @ApplicationModuleListener
    void on(EmailGenerationProgressed progressed) {
        webhooks.publish(progressed.id(), progressed.accountId(), "email.generation." + progressed.stage(),
                progressed.data());
    }

    @ApplicationModuleListener
    void on(TestEmailSent sent) {
        webhooks.publish(sent.id(), sent.accountId(), WebhookEvents.EMAIL_TEST_SENT, sent.data());
    }

    @ApplicationModuleListener
    void on(ExportFinished finished) {
        webhooks.publish(finished.id(), finished.accountId(),
                finished.succeeded() ? WebhookEvents.EXPORT_COMPLETED : WebhookEvents.EXPORT_FAILED, finished.data());
    }

    /** A subscriber event's {@code data}: the contact as the API shows it, with its project. */
    private Map<String, Object> subscriber(UUID project, ContactView contact) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", project.toString());
        data.putAll(json.convertValue(contact, OBJECT));
        return data;
    }
}
