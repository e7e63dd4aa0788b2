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
    AUDIENCE_READ("audience:read"),
    AUDIENCE_WRITE("audience:write"),
    EMAIL_READ("email:read"),
    EMAIL_SEND("email:send"),
    TEMPLATE_READ("template:read"),
    WEBHOOK_READ("webhook:read"),
    WEBHOOK_WRITE("webhook:write");

    private static final Map<String, Permission> BY_SCOPE = new HashMap<>();

    static {
        for (Permission permission : values()) {
            BY_SCOPE.put(permission.scope, permission);
        }
    }

    private final String scope;

    Permission(String scope) {
        this.scope = scope;
    }

    @JsonValue
    public String scope() {
        return scope;
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
