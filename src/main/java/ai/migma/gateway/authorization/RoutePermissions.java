package ai.migma.gateway.authorization;

import static ai.migma.gateway.apikey.Permission.AUDIENCE_READ;
import static ai.migma.gateway.apikey.Permission.AUDIENCE_WRITE;
import static ai.migma.gateway.apikey.Permission.CAMPAIGN_READ;
import static ai.migma.gateway.apikey.Permission.CAMPAIGN_WRITE;
import static ai.migma.gateway.apikey.Permission.DOMAIN_READ;
import static ai.migma.gateway.apikey.Permission.DOMAIN_WRITE;
import static ai.migma.gateway.apikey.Permission.EMAIL_READ;
import static ai.migma.gateway.apikey.Permission.EMAIL_PREVIEW;
import static ai.migma.gateway.apikey.Permission.EMAIL_SEND;
import static ai.migma.gateway.apikey.Permission.EMAIL_VALIDATE;
import static ai.migma.gateway.apikey.Permission.PROJECT_WRITE;
import static ai.migma.gateway.apikey.Permission.TEMPLATE_READ;
import static ai.migma.gateway.apikey.Permission.WEBHOOK_READ;
import static ai.migma.gateway.apikey.Permission.WEBHOOK_WRITE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import ai.migma.gateway.apikey.Permission;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The route table of docs/API.md ("Routes"), the one place that says which permission a route under {@code /v1} needs.
 * A rule with no permission admits any valid key. Routes whose controllers do not exist yet are listed too, so a key's
 * permissions are enforced the day they appear.
 */
public final class RoutePermissions {

    /** {@code anyOf} empty: any valid key. Patterns are Spring {@code PathPattern}s. */
    public record Rule(HttpMethod method, String pattern, List<Permission> anyOf) {
    }

    public static final List<Rule> RULES = List.of(
            rule(GET, "/v1/projects"),
            rule(GET, "/v1/projects/{id}"),
            rule(GET, "/v1/projects/import/{id}/status"),
            rule(POST, "/v1/projects/import", PROJECT_WRITE),
            rule(POST, "/v1/projects/import/{id}/retry", PROJECT_WRITE),
            rule(GET, "/v1/projects/{projectId}/knowledge-base"),
            rule(POST, "/v1/projects/{projectId}/knowledge-base", PROJECT_WRITE),
            rule(PUT, "/v1/projects/{projectId}/knowledge-base/{entryId}", PROJECT_WRITE),
            rule(DELETE, "/v1/projects/{projectId}/knowledge-base/{entryId}", PROJECT_WRITE),
            rule(POST, "/v1/projects/{projectId}/images", PROJECT_WRITE),
            rule(PUT, "/v1/projects/{projectId}/images", PROJECT_WRITE),
            rule(DELETE, "/v1/projects/{projectId}/images", PROJECT_WRITE),
            rule(PUT, "/v1/projects/{projectId}/logos", PROJECT_WRITE),

            rule(GET, "/v1/contacts", AUDIENCE_READ),
            rule(GET, "/v1/contacts/{id}", AUDIENCE_READ),
            rule(GET, "/v1/tags", AUDIENCE_READ),
            rule(GET, "/v1/tags/{id}", AUDIENCE_READ),
            rule(GET, "/v1/segments", AUDIENCE_READ),
            rule(GET, "/v1/segments/{id}", AUDIENCE_READ),
            rule(GET, "/v1/contacts/bulk/{jobId}", AUDIENCE_READ),
            rule(GET, "/v1/topics", AUDIENCE_READ),
            rule(GET, "/v1/topics/{id}", AUDIENCE_READ),

            rule(POST, "/v1/contacts", AUDIENCE_WRITE),
            rule(POST, "/v1/contacts/bulk", AUDIENCE_WRITE),
            rule(POST, "/v1/contacts/status", AUDIENCE_WRITE),
            rule(PATCH, "/v1/contacts/{id}", AUDIENCE_WRITE),
            rule(DELETE, "/v1/contacts/{id}", AUDIENCE_WRITE),
            rule(POST, "/v1/subscribers", AUDIENCE_WRITE),
            rule(POST, "/v1/tags", AUDIENCE_WRITE),
            rule(PATCH, "/v1/tags/{id}", AUDIENCE_WRITE),
            rule(DELETE, "/v1/tags/{id}", AUDIENCE_WRITE),
            rule(POST, "/v1/segments", AUDIENCE_WRITE),
            rule(PATCH, "/v1/segments/{id}", AUDIENCE_WRITE),
            rule(DELETE, "/v1/segments/{id}", AUDIENCE_WRITE),
            rule(POST, "/v1/topics", AUDIENCE_WRITE),
            rule(PATCH, "/v1/topics/{id}", AUDIENCE_WRITE),
            rule(DELETE, "/v1/topics/{id}", AUDIENCE_WRITE),
            rule(POST, "/v1/topics/{id}/subscribe", AUDIENCE_WRITE),
            rule(POST, "/v1/topics/{id}/unsubscribe", AUDIENCE_WRITE),

            rule(POST, "/v1/sending", EMAIL_SEND),
            rule(GET, "/v1/sending", EMAIL_READ),
            rule(GET, "/v1/sending/batches/{id}", EMAIL_READ),

            rule(GET, "/v1/campaigns", CAMPAIGN_READ),
            rule(GET, "/v1/campaigns/{id}", CAMPAIGN_READ),
            rule(POST, "/v1/campaigns", CAMPAIGN_WRITE),
            rule(POST, "/v1/campaigns/{id}/send", CAMPAIGN_WRITE),
            rule(POST, "/v1/campaigns/{id}/schedule", CAMPAIGN_WRITE),
            rule(POST, "/v1/campaigns/{id}/cancel", CAMPAIGN_WRITE),

            rule(GET, "/v1/domains", DOMAIN_READ),
            rule(GET, "/v1/domains/managed", DOMAIN_READ),
            rule(GET, "/v1/domains/{domain}", DOMAIN_READ),
            rule(POST, "/v1/domains", DOMAIN_WRITE),
            rule(POST, "/v1/domains/{domain}/verify", DOMAIN_WRITE),
            rule(PATCH, "/v1/domains/{domain}", DOMAIN_WRITE),
            rule(DELETE, "/v1/domains/{domain}", DOMAIN_WRITE),
            rule(GET, "/v1/domains/managed/check/{prefix}", DOMAIN_WRITE),
            rule(POST, "/v1/domains/managed", DOMAIN_WRITE),
            rule(DELETE, "/v1/domains/managed/{domain}", DOMAIN_WRITE),

            rule(POST, "/v1/projects/emails/generate", EMAIL_SEND),
            rule(POST, "/v1/emails/test/send", EMAIL_SEND),
            rule(GET, "/v1/projects/emails/{conversationId}/status", EMAIL_READ),

            rule(GET, "/v1/export/formats", EMAIL_READ),
            rule(GET, "/v1/export/status/{conversationId}", EMAIL_READ),
            rule(GET, "/v1/export/{format}/{conversationId}", EMAIL_READ),
            rule(POST, "/v1/export/hubspot", EMAIL_READ),
            // The files an export lists, served behind the same rule as the export itself.
            rule(GET, "/v1/export/files/{fileId}/{filename}", EMAIL_READ),

            rule(POST, "/v1/emails/validate/all", EMAIL_VALIDATE),
            rule(POST, "/v1/emails/validate/compatibility", EMAIL_VALIDATE),
            rule(POST, "/v1/emails/validate/links", EMAIL_VALIDATE),
            rule(POST, "/v1/emails/validate/spelling", EMAIL_VALIDATE),
            rule(POST, "/v1/emails/validate/deliverability", EMAIL_VALIDATE),

            rule(POST, "/v1/emails/previews", EMAIL_PREVIEW),
            rule(GET, "/v1/emails/previews/{id}", EMAIL_PREVIEW),
            rule(GET, "/v1/emails/previews/{id}/status", EMAIL_PREVIEW),
            rule(GET, "/v1/emails/previews/{id}/devices/{key}", EMAIL_PREVIEW),
            // The images a preview lists.
            rule(GET, "/v1/emails/previews/{id}/devices/{key}/{image}", EMAIL_PREVIEW),
            rule(GET, "/v1/emails/devices/supported", EMAIL_PREVIEW),

            rule(GET, "/v1/templates", TEMPLATE_READ, EMAIL_READ),
            rule(GET, "/v1/templates/{id}", TEMPLATE_READ, EMAIL_READ),

            rule(GET, "/v1/webhooks", WEBHOOK_READ),
            rule(GET, "/v1/webhooks/events", WEBHOOK_READ),
            rule(GET, "/v1/webhooks/stats", WEBHOOK_READ),
            rule(GET, "/v1/webhooks/{id}", WEBHOOK_READ),
            rule(GET, "/v1/webhooks/{id}/deliveries", WEBHOOK_READ),
            rule(POST, "/v1/webhooks", WEBHOOK_WRITE),
            rule(PATCH, "/v1/webhooks/{id}", WEBHOOK_WRITE),
            rule(DELETE, "/v1/webhooks/{id}", WEBHOOK_WRITE),
            rule(POST, "/v1/webhooks/{id}/test", WEBHOOK_WRITE));

    private RoutePermissions() {
    }

    private static Rule rule(HttpMethod method, String pattern, Permission... anyOf) {
        return new Rule(method, pattern, List.of(anyOf));
    }
}
