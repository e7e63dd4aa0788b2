package ai.migma.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;

/**
 * The scopes a key can hold (docs/API.md, "Permissions"): the seven of Migma's API Keys page, Migma's newer scopes
 * for validation, previews, domains and projects, and the two for campaigns. A permission is its own authority, so
 * route rules read {@code hasAuthority("email:send")}.
 */
public enum Permission implements GrantedAuthority {
    AUDIENCE_READ("audience:read", "View subscribers, tags, and audience segments"),
    AUDIENCE_WRITE("audience:write", "Add, update subscribers, manage tags, create segments"),
    EMAIL_READ("email:read", "View email templates and sending history"),
    EMAIL_SEND("email:send", "Send emails to subscribers using templates"),
    TEMPLATE_READ("template:read", "Read and use email templates"),
    WEBHOOK_READ("webhook:read", "List and view webhook configurations"),
    WEBHOOK_WRITE("webhook:write", "Create, update, and delete webhooks for real-time notifications"),
    EMAIL_VALIDATE("email:validate", "Check email HTML for client compatibility, links, spelling and deliverability"),
    EMAIL_PREVIEW("email:preview", "Render email previews on desktop, mobile and web clients"),
    DOMAIN_READ("domain:read", "View sending domains and their DNS records"),
    DOMAIN_WRITE("domain:write", "Add, verify and remove sending domains"),
    PROJECT_WRITE("project:write", "Import projects and manage their knowledge base, images and logos"),
    CAMPAIGN_READ("campaign:read", "View campaigns and their status"),
    CAMPAIGN_WRITE("campaign:write", "Create, send, schedule and cancel campaigns");

    private static final Map<String, Permission> BY_SCOPE = new HashMap<>();

    static {
        for (Permission permission : values()) {
            BY_SCOPE.put(permission.scope, permission);
        }
    }

    private final String scope;
    private final String description;

    /** {@code description}: the seed page's words, shown next to the checkbox when a key is created. */
    Permission(String scope, String description) {
        this.scope = scope;
        this.description = description;
    }

    @JsonValue
    public String scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    @Override
    public String getAuthority() {
        return scope;
    }

    /** The permission named {@code scope}, or {@code null}. */
    public static Permission fromScope(String scope) {
        return BY_SCOPE.get(scope);
    }
}
