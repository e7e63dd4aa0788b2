package ai.migma.gateway.webhooks;

import ai.migma.gateway.apikey.ApiKeyCreated;
import ai.migma.gateway.apikey.ApiKeyRevoked;
import ai.migma.gateway.contacts.ContactAdded;
import ai.migma.gateway.contacts.ContactChanged;
import ai.migma.gateway.contacts.ContactView;
import ai.migma.gateway.contacts.ContactsImported;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the features' domain events into Migma's webhook events. The listeners run synchronously, inside the
 * transaction that published the event, and only write the outbox row: so the webhook is stored exactly when the
 * change is, and the features that publish know nothing of webhooks.
 */
@Component
final class DomainEventWebhooks {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final WebhookPublisher webhooks;
    private final JsonMapper json;

    DomainEventWebhooks(WebhookPublisher webhooks, JsonMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @EventListener
    void on(ApiKeyCreated created) {
        webhooks.publish(created.accountId(), WebhookEvents.API_KEY_CREATED, created.key());
    }

    @EventListener
    void on(ApiKeyRevoked revoked) {
        webhooks.publish(revoked.accountId(), WebhookEvents.API_KEY_REVOKED, revoked.key());
    }

    @EventListener
    void on(ContactAdded added) {
        webhooks.publish(added.accountId(), WebhookEvents.SUBSCRIBER_ADDED, subscriber(added.projectId(),
                added.contact()));
    }

    @EventListener
    void on(ContactChanged changed) {
        webhooks.publish(changed.accountId(), changed.unsubscribed() ? WebhookEvents.SUBSCRIBER_UNSUBSCRIBED
                : WebhookEvents.SUBSCRIBER_UPDATED, subscriber(changed.projectId(), changed.contact()));
    }

    @EventListener
    void on(ContactsImported imported) {
        webhooks.publish(imported.accountId(), WebhookEvents.SUBSCRIBER_BULK_IMPORTED, Map.of("projectId",
                imported.projectId().toString(), "success", imported.added(), "failed", imported.failed(),
                "updated", imported.updated()));
    }

    /** A subscriber event's {@code data}: the contact as the API shows it, with its project. */
    private Map<String, Object> subscriber(UUID project, ContactView contact) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", project.toString());
        data.putAll(json.convertValue(contact, OBJECT));
        return data;
    }
}
