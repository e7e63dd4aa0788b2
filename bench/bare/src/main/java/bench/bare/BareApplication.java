package bench.bare;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * No gateway at all: {@code GET /v1/webhooks/events} answered with the body the gateway sends for it (the same
 * envelope, the same sixteen events, a fresh timestamp and request id), by one controller and Spring Boot's
 * defaults. The gateway's throughput and p99 are measured against this.
 */
@SpringBootApplication
@RestController
public class BareApplication {

    record Event(String type, String description) {
    }

    record EventList(List<Event> events, int total) {
    }

    record Metadata(Instant timestamp, String requestId) {
    }

    record Envelope(boolean success, EventList data, Metadata metadata) {
    }

    private static final List<Event> EVENTS = List.of(
            new Event("subscriber.added", "A contact was added to a project"),
            new Event("subscriber.updated", "A contact's details or status changed"),
            new Event("subscriber.unsubscribed", "A contact unsubscribed"),
            new Event("subscriber.bulk_imported", "A bulk import of contacts finished"),
            new Event("api_key.created", "An API key was created"),
            new Event("api_key.revoked", "An API key was revoked"),
            new Event("email.generation.started", "Generation of an email started"),
            new Event("email.generation.completed", "A generated email is ready"),
            new Event("email.generation.failed", "Generation of an email failed"),
            new Event("email.test.sent", "A test email was sent"),
            new Event("project.import.started", "A project import was accepted"),
            new Event("project.import.processing", "A project import is being processed"),
            new Event("project.import.completed", "A project import finished and the project is active"),
            new Event("project.import.failed", "A project import failed"),
            new Event("export.completed", "An export's files are ready"),
            new Event("export.failed", "An export failed"));

    private static final EventList LIST = new EventList(EVENTS, EVENTS.size());

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }

    @GetMapping("/v1/webhooks/events")
    Envelope events() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String requestId = "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        return new Envelope(true, LIST, new Metadata(Instant.now(), requestId));
    }
}
