package ai.migma.gateway.webhooks;

import java.util.List;

/**
 * The events a Migma webhook can subscribe to, as Migma names them (docs/API.md, "Webhooks"), each with what it
 * reports.
 */
public final class WebhookEvents {

    public static final String SUBSCRIBER_ADDED = "subscriber.added";
    public static final String SUBSCRIBER_UPDATED = "subscriber.updated";
    public static final String SUBSCRIBER_UNSUBSCRIBED = "subscriber.unsubscribed";
    public static final String SUBSCRIBER_BULK_IMPORTED = "subscriber.bulk_imported";
    public static final String API_KEY_CREATED = "api_key.created";
    public static final String API_KEY_REVOKED = "api_key.revoked";
    public static final String EMAIL_GENERATION_STARTED = "email.generation.started";
    public static final String EMAIL_GENERATION_COMPLETED = "email.generation.completed";
    public static final String EMAIL_GENERATION_FAILED = "email.generation.failed";
    public static final String EMAIL_TEST_SENT = "email.test.sent";
    public static final String PROJECT_IMPORT_STARTED = "project.import.started";
    public static final String PROJECT_IMPORT_PROCESSING = "project.import.processing";
    public static final String PROJECT_IMPORT_COMPLETED = "project.import.completed";
    public static final String PROJECT_IMPORT_FAILED = "project.import.failed";
    public static final String EXPORT_COMPLETED = "export.completed";
    public static final String EXPORT_FAILED = "export.failed";
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
            new Event(API_KEY_REVOKED, "An API key was revoked"),
            new Event(EMAIL_GENERATION_STARTED, "Generation of an email started"),
            new Event(EMAIL_GENERATION_COMPLETED, "A generated email is ready"),
            new Event(EMAIL_GENERATION_FAILED, "Generation of an email failed"),
            new Event(EMAIL_TEST_SENT, "A test email was sent"),
            new Event(PROJECT_IMPORT_STARTED, "A project import was accepted"),
            new Event(PROJECT_IMPORT_PROCESSING, "A project import is being processed"),
            new Event(PROJECT_IMPORT_COMPLETED, "A project import finished and the project is active"),
            new Event(PROJECT_IMPORT_FAILED, "A project import failed"),
            new Event(EXPORT_COMPLETED, "An export's files are ready"),
            new Event(EXPORT_FAILED, "An export failed"));

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
