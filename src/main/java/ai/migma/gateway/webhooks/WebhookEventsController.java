package ai.migma.gateway.webhooks;

import ai.migma.gateway.web.ApiResponse;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/webhooks/events}: the event list, served from memory (also the hot-path benchmark's route). */
@RestController
final class WebhookEventsController {

    /** Built once: the list never changes while the gateway runs. */
    private static final EventList EVENTS = new EventList(WebhookEvents.ALL, WebhookEvents.ALL.size());

    record EventList(List<WebhookEvents.Event> events, int total) {
    }

    @GetMapping("/v1/webhooks/events")
    ApiResponse<EventList> events() {
        return ApiResponse.ok(EVENTS);
    }
}
