package ai.migma.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;

/**
 * The scopes a key can hold: the seven of Migma's API Keys page. Migma's newer scopes ({@code email:write},
 * {@code email:validate}, {@code email:preview}, {@code domain:read}, {@code domain:write}, {@code project:write})
 * are one constant each away. A permission is its own authority, so route rules read
 * {@code hasAuthority("email:send")}.
 */
public enum Permission implements GrantedAuthority {
    AUDIENCE_READ("audience:read", "View subscribers, tags, and audience segments"),
    AUDIENCE_WRITE("audience:write", "Add, update subscribers, manage tags, create segments"),
    EMAIL_READ("email:read", "View email templates and sending history"),
    EMAIL_SEND("email:send", "Send emails to subscribers using templates"),
    TEMPLATE_READ("template:read", "Read and use email templates"),
    WEBHOOK_READ("webhook:read", "List and view webhook configurations"),
    WEBHOOK_WRITE("webhook:write", "Create, update, and delete webhooks for real-time notifications");

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
