package ai.migma.gateway.campaigns;

import ai.migma.gateway.contacts.Audience;
import ai.migma.gateway.contacts.AudienceFilter;
import ai.migma.gateway.tags.TagService;
import ai.migma.gateway.topics.TopicService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.PathIds;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who a campaign reaches: the project's subscribed contacts ({@code audience}) or those carrying a tag, and with a
 * topic only the topic's members among them. Resolved when the campaign is created (its estimate) and again when it
 * is sent, so contacts who subscribe or leave in between are counted as they are then.
 */
@Component
final class CampaignRecipients {

    static final List<String> TYPES = List.of("audience", "tag");

    private final Audience contacts;
    private final TagService tags;
    private final TopicService topics;

    CampaignRecipients(Audience contacts, TagService tags, TopicService topics) {
        this.contacts = contacts;
        this.tags = tags;
        this.topics = topics;
    }

    /**
     * The recipient id to store: for {@code audience} the project's id (the one audience a project has; given or
     * not, as {@code POST /v1/sending} accepts it), for {@code tag} one of the project's tags (404 otherwise).
     */
    String checkedRecipientId(UUID project, String type, String recipientId) {
        if (type == null || !TYPES.contains(type)) {
            throw ApiException.invalid("recipientType must be one of " + String.join(", ", TYPES));
        }
        boolean blank = recipientId == null || recipientId.isBlank();
        if (type.equals("audience")) {
            if (!blank && !recipientId.strip().equals(project.toString())) {
                throw ApiException.notFound("Audience");
            }
            return project.toString();
        }
        if (blank) {
            throw ApiException.invalid("recipientId is required when recipientType is tag");
        }
        tags.name(project, recipientId.strip());
        return recipientId.strip();
    }

    /** A topic of the project that can be sent to: 404 when unknown, 400 when inactive. */
    UUID checkedTopic(UUID project, String topicId) {
        UUID topic = PathIds.uuid(topicId.strip(), "Topic");
        topics.members(project, topic.toString(), List.of());
        return topic;
    }

    /** How many subscribed contacts the campaign reaches now: its estimate. */
    long count(UUID project, String type, String recipientId, UUID topic) {
        // Without a topic the database counts; a topic's members are known only contact by contact.
        return topic == null ? contacts.count(project, subscribed(project, type, recipientId))
                : resolve(project, type, recipientId, topic).size();
    }

    /** The subscribed contacts the campaign reaches now. */
    List<Audience.Recipient> resolve(UUID project, String type, String recipientId, UUID topic) {
        List<Audience.Recipient> subscribed = contacts.recipients(project, subscribed(project, type, recipientId));
        if (topic == null) {
            return subscribed;
        }
        Set<UUID> members = new HashSet<>(topics.members(project, topic.toString(),
                subscribed.stream().map(Audience.Recipient::contactId).toList()));
        return subscribed.stream().filter(recipient -> members.contains(recipient.contactId())).toList();
    }

    private AudienceFilter subscribed(UUID project, String type, String recipientId) {
        AudienceFilter filter = type.equals("tag")
                ? new AudienceFilter(List.of(tags.name(project, recipientId)), null, Map.of())
                : AudienceFilter.EVERYONE;
        return filter.withStatus("subscribed");
    }
}
