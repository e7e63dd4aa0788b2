package ai.migma.gateway.topics;

import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SDK's {@code topics} resource: what a contact of a project may subscribe to, and each contact's choice. Who is
 * in a topic is {@link #members}: with {@code opt_in} the contacts who subscribed, with {@code opt_out} every contact
 * who did not unsubscribe; campaigns to a topic reach only them.
 */
@Service
public class TopicService {

    private static final List<String> SUBSCRIPTIONS = List.of("opt_in", "opt_out");
    private static final List<String> VISIBILITIES = List.of("public", "private");
    private static final String COLUMNS = "id, name, description, default_subscription, visibility, display_order, "
            + "is_active, created_at, updated_at";

    /** The SDK's {@code Topic}. */
    public record TopicView(String id, String name, String description, String defaultSubscription,
            String visibility, int displayOrder, boolean isActive, Instant createdAt, Instant updatedAt) {
    }

    /** The SDK's {@code CreateTopicParams} and {@code UpdateTopicParams} ({@code defaultSubscription}: create only). */
    record TopicRequest(String projectId, String name, String description, String defaultSubscription,
            String visibility, Integer displayOrder, Boolean isActive) {
    }

    /** The SDK's {@code TopicSubscriptionParams}. */
    record SubscriptionRequest(String subscriberId, String projectId) {
    }

    /** The SDK's {@code TopicSubscriptionResponse}. */
    record Subscription(String topicId, String subscriberId, boolean subscribed) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Clock clock;

    TopicService(JdbcClient jdbc, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    @Transactional
    TopicView create(UUID accountId, TopicRequest request) {
        UUID project = projects.requireOwned(accountId, request.projectId());
        String name = Fields.requireText("name", request.name(), 100);
        String subscription = oneOf("defaultSubscription", request.defaultSubscription(), SUBSCRIPTIONS, "opt_in");
        String visibility = oneOf("visibility", request.visibility(), VISIBILITIES, "public");
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("insert into topics (id, project_id, name, description, default_subscription, visibility, "
                            + "display_order, is_active, created_at, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)")
                    .params(id, project, name, Fields.textOrEmpty("description", request.description(), 500),
                            subscription, visibility, order(request.displayOrder(), 0), now, now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A topic named " + name + " already exists in this project");
        }
        return find(project, id);
    }

    /** The project's topics in display order; the inactive ones only when asked for. */
    @Transactional(readOnly = true)
    List<TopicView> list(UUID accountId, String projectId, boolean includeInactive) {
        UUID project = projects.requireOwned(accountId, projectId);
        return jdbc.sql("select " + COLUMNS + " from topics where project_id = ?"
                        + (includeInactive ? "" : " and is_active") + " order by display_order, lower(name), id")
                .params(project).query(TopicService::view).list();
    }

    @Transactional(readOnly = true)
    TopicView get(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        return find(project, PathIds.uuid(id, "Topic"));
    }

    @Transactional
    TopicView update(UUID accountId, String id, TopicRequest request) {
        UUID project = projects.requireOwned(accountId, request.projectId());
        TopicView topic = find(project, PathIds.uuid(id, "Topic"));
        if (request.defaultSubscription() != null
                && !request.defaultSubscription().equals(topic.defaultSubscription())) {
            // Changing it would silently move every contact who never chose in or out of the topic.
            throw ApiException.invalid("defaultSubscription cannot be changed once a topic exists");
        }
        String name = request.name() == null ? topic.name() : Fields.requireText("name", request.name(), 100);
        String description = request.description() == null ? topic.description()
                : Fields.textOrEmpty("description", request.description(), 500);
        String visibility = oneOf("visibility", request.visibility(), VISIBILITIES, topic.visibility());
        boolean active = request.isActive() == null ? topic.isActive() : request.isActive();
        try {
            jdbc.sql("update topics set name = ?, description = ?, visibility = ?, display_order = ?, is_active = ?, "
                            + "updated_at = ? where id = ?")
                    .params(name, description, visibility, order(request.displayOrder(), topic.displayOrder()),
                            active, Timestamp.from(clock.instant()), UUID.fromString(topic.id()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A topic named " + name + " already exists in this project");
        }
        return find(project, UUID.fromString(topic.id()));
    }

    @Transactional
    void delete(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        if (jdbc.sql("delete from topics where id = ? and project_id = ?").params(PathIds.uuid(id, "Topic"), project)
                .update() == 0) {
            throw ApiException.notFound("Topic");
        }
    }

    /** Records a contact's choice for a topic, whatever the topic's default. */
    @Transactional
    Subscription choose(UUID accountId, String topicId, SubscriptionRequest request, boolean subscribed) {
        UUID project = projects.requireOwned(accountId, request.projectId());
        TopicView topic = find(project, PathIds.uuid(topicId, "Topic"));
        if (!topic.isActive()) {
            throw ApiException.conflict("Topic " + topic.name() + " is inactive");
        }
        if (request.subscriberId() == null || request.subscriberId().isBlank()) {
            throw ApiException.invalid("subscriberId is required");
        }
        UUID contact = PathIds.uuid(request.subscriberId().strip(), "Subscriber");
        // The contact must be the project's: topic_subscriptions only refers to it.
        if (!jdbc.sql("select exists (select 1 from contacts where id = ? and project_id = ?)")
                .params(contact, project).query(Boolean.class).single()) {
            throw ApiException.notFound("Subscriber");
        }
        jdbc.sql("insert into topic_subscriptions (topic_id, contact_id, subscribed, updated_at) values (?, ?, ?, ?) "
                        + "on conflict (topic_id, contact_id) do update set subscribed = excluded.subscribed, "
                        + "updated_at = excluded.updated_at")
                .params(UUID.fromString(topic.id()), contact, subscribed, Timestamp.from(clock.instant())).update();
        return new Subscription(topic.id(), contact.toString(), subscribed);
    }

    /**
     * Of {@code contacts}, those in the project's topic {@code topicId}: 404 when the project has no such topic,
     * 400 when it is inactive (nothing would reach its subscribers).
     */
    @Transactional(readOnly = true)
    public List<UUID> members(UUID project, String topicId, Collection<UUID> contacts) {
        TopicView topic = find(project, PathIds.uuid(topicId, "Topic"));
        if (!topic.isActive()) {
            throw ApiException.invalid("Topic " + topic.name() + " is inactive");
        }
        boolean optIn = topic.defaultSubscription().equals("opt_in");
        Set<UUID> chosen = Set.copyOf(jdbc.sql("select contact_id from topic_subscriptions where topic_id = ? "
                        + "and subscribed = ?")
                .params(UUID.fromString(topic.id()), optIn).query(UUID.class).list());
        List<UUID> members = new ArrayList<>();
        for (UUID contact : contacts) {
            // opt_in: the ones who subscribed; opt_out: all but the ones who unsubscribed.
            if (chosen.contains(contact) == optIn) {
                members.add(contact);
            }
        }
        return members;
    }

    private TopicView find(UUID project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from topics where id = ? and project_id = ?").params(id, project)
                .query(TopicService::view).optional().orElseThrow(() -> ApiException.notFound("Topic"));
    }

    private static String oneOf(String field, String value, List<String> allowed, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static int order(Integer displayOrder, int otherwise) {
        if (displayOrder == null) {
            return otherwise;
        }
        if (displayOrder < 0 || displayOrder > 1_000_000) {
            throw ApiException.invalid("displayOrder must be between 0 and 1000000");
        }
        return displayOrder;
    }

    private static TopicView view(ResultSet row, int n) throws SQLException {
        return new TopicView(row.getString("id"), row.getString("name"), row.getString("description"),
                row.getString("default_subscription"), row.getString("visibility"), row.getInt("display_order"),
                row.getBoolean("is_active"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
