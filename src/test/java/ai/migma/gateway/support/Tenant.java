package ai.migma.gateway.support;

import java.util.List;
import java.util.Map;

/**
 * What most resource tests start from: an account of its own (enterprise, 10,000 requests a minute, so limits
 * never interfere), one project "Shop", and a key holding the scopes the test needs ({@link GatewayClient#tenant}).
 */
public record Tenant(GatewayClient gateway, String account, String project, String key) {

    /** Adds a contact to the project through the API, with its status, custom fields and tags. */
    public void addContact(String email, String status, Map<String, Object> customFields, String... tags) {
        GatewayClient.Reply reply = gateway.call("POST", "/v1/contacts", key, Map.of("projectId", project,
                "email", email, "status", status, "customFields", customFields, "tags", List.of(tags)));
        if (reply.status() != 201) {
            throw new AssertionError("Could not add contact " + email + ": " + reply.text());
        }
    }
}
