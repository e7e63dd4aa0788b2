package ai.migma.gateway.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's {@code Campaign}. Its optional fields are declared {@code ?: T | null}: they are always present here,
 * {@code null} when they hold nothing, so a client sees one shape whatever the campaign's state.
 */
record CampaignView(String id, String projectId, String name, String conversationId, String subject,
        String preheaderText, String from, String fromName, String replyTo, String recipientType,
        String recipientId, String topicId, Integer estimatedRecipients, String providerType,
        Map<String, Object> variables, String status, Instant scheduledAt, String scheduledTimezone, String batchId,
        Instant sentAt, Instant completedAt, String error, String triggeredBy, Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = "c.id, c.project_id, c.name, c.conversation_id, c.subject, c.preheader_text, "
            + "c.from_address, c.from_name, c.reply_to, c.recipient_type, c.recipient_id, c.topic_id, "
            + "c.estimated_recipients, c.provider, c.variables, c.status, c.scheduled_at, c.scheduled_timezone, "
            + "c.batch_id, c.sent_at, c.completed_at, c.error, c.triggered_by, c.created_at, c.updated_at";

    @SuppressWarnings("unchecked")
    static CampaignView of(ResultSet row, JsonMapper json) throws SQLException {
        String variables = row.getString("variables");
        return new CampaignView(row.getString("id"), row.getString("project_id"), row.getString("name"),
                row.getString("conversation_id"), row.getString("subject"), row.getString("preheader_text"),
                row.getString("from_address"), row.getString("from_name"), row.getString("reply_to"),
                row.getString("recipient_type"), row.getString("recipient_id"), row.getString("topic_id"),
                row.getObject("estimated_recipients", Integer.class), row.getString("provider"),
                variables == null ? null : json.readValue(variables, Map.class), row.getString("status"),
                instant(row, "scheduled_at"), row.getString("scheduled_timezone"), row.getString("batch_id"),
                instant(row, "sent_at"), instant(row, "completed_at"), row.getString("error"),
                row.getString("triggered_by"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
