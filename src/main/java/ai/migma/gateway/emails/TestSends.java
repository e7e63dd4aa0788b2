package ai.migma.gateway.emails;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@code POST /v1/emails/test/send}: records a test send of a generated email; no mail leaves the machine. */
@Service
class TestSends {

    /** The SDK's {@code SendTestEmailParams}. */
    record Request(String conversationId, String to) {
    }

    /** The SDK's {@code SendTestEmailResponse}. */
    record Sent(String messageId, String conversationId, String sentTo, Instant sentAt, String subject) {
    }

    private final GeneratedEmails emails;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TestSends(GeneratedEmails emails, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.emails = emails;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Sent send(UUID accountId, Request request) {
        String to = Fields.requireEmail("to", request.to());
        if (request.conversationId() == null || request.conversationId().isBlank()) {
            throw ApiException.invalid("conversationId is required");
        }
        GeneratedEmails.GeneratedEmail email = emails.requireCompleted(accountId, request.conversationId().strip());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into test_sends (id, conversation_id, sent_to, subject, sent_at) values (?, ?, ?, ?, ?)")
                .params(id, email.id(), to, email.subject(), Timestamp.from(now)).update();
        Sent sent = new Sent(id.toString(), email.id().toString(), to, now, email.subject());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", sent.messageId());
        data.put("conversationId", sent.conversationId());
        data.put("projectId", email.projectId().toString());
        data.put("sentTo", to);
        data.put("subject", email.subject());
        data.put("sentAt", now.toString());
        events.publishEvent(new TestEmailSent(UUID.randomUUID(), accountId, data));
        return sent;
    }
}
