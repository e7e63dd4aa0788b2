package ai.migma.gateway.webhooks;

import java.util.List;

/** The events a Migma webhook can subscribe to, as Migma names them (CONTRACT §6). */
public final class WebhookEvents {

    public static final List<String> ALL = List.of(
            "subscriber.added",
            "subscriber.updated",
            "subscriber.unsubscribed",
            "subscriber.bulk_imported",
            "api_key.created",
            "api_key.revoked");

    private WebhookEvents() {
    }
}
