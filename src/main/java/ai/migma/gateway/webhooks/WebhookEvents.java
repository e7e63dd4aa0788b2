package ai.migma.gateway.webhooks;

import java.util.List;

/** The events a Migma webhook can subscribe to, as Migma names them (CONTRACT §6), each with what it reports. */
public final class WebhookEvents {

    public static final String SUBSCRIBER_ADDED = "subscriber.added";
    public static final String SUBSCRIBER_UPDATED = "subscriber.updated";
    public static final String SUBSCRIBER_UNSUBSCRIBED = "subscriber.unsubscribed";
    public static final String SUBSCRIBER_BULK_IMPORTED = "subscriber.bulk_imported";
    public static final String API_KEY_CREATED = "api_key.created";
    public static final String API_KEY_REVOKED = "api_key.revoked";
    /** Sent only by {@code POST /v1/webhooks/{id}/test}; not subscribable. */
    public static final String TEST = "webhook.test";

    /** The SDK's {@code WebhookEvent}. */
    public record Event(String type, String description) {
    }

    public static final List<Event> ALL = List.of(
            new Event(SUBSCRIBER_ADDED, "A contact was added to a project"),
            new Event(SUBSCRIBER_UPDATED, "A contact's details or status changed"),
            new Event(SUBSCRIBER_UNSUBSCRIBED, "A contact unsubscribed"),
            new Event(SUBSCRIBER_BULK_IMPORTED, "A bulk import of contacts finished"),
            new Event(API_KEY_CREATED, "An API key was created"),
            new Event(API_KEY_REVOKED, "An API key was revoked"));

    private WebhookEvents() {
    }

    public static boolean exists(String type) {
        for (Event event : ALL) {
            if (event.type().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
