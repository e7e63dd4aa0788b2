package ai.migma.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.GrantedAuthority;

/**
 * A scope a key can hold (docs/API.md, "Permissions"): one of the fourteen built in — the seven of Migma's API Keys
 * page, Migma's newer scopes for validation, previews, domains and projects, and the two for campaigns — or one an
 * operator defines for the services the gateway fronts ({@code orders:read}, docs/PROXY.md). A permission is its own
 * authority, so route rules read {@code hasAuthority("email:send")}; two permissions are equal when their scopes are.
 * Which scopes a key may be given is the {@link ScopeCatalog}'s business: this class names them.
 */
public final class Permission implements GrantedAuthority, Comparable<Permission> {

    /** What an operator's scope must look like: {@code resource:action}, lower case, digits, {@code -} and {@code _}. */
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_-]{0,62}:[a-z][a-z0-9_-]{0,62}");
    private static final Map<String, Permission> BUILT_IN_BY_SCOPE = new HashMap<>();
    private static int builtInCount;

    public static final Permission AUDIENCE_READ = builtIn("audience:read", "View subscribers, tags, and audience segments");
    public static final Permission AUDIENCE_WRITE = builtIn("audience:write",
            "Add, update subscribers, manage tags, create segments");
    public static final Permission EMAIL_READ = builtIn("email:read", "View email templates and sending history");
    public static final Permission EMAIL_SEND = builtIn("email:send", "Send emails to subscribers using templates");
    public static final Permission TEMPLATE_READ = builtIn("template:read", "Read and use email templates");
    public static final Permission WEBHOOK_READ = builtIn("webhook:read", "List and view webhook configurations");
    public static final Permission WEBHOOK_WRITE = builtIn("webhook:write",
            "Create, update, and delete webhooks for real-time notifications");
    public static final Permission EMAIL_VALIDATE = builtIn("email:validate",
            "Check email HTML for client compatibility, links, spelling and deliverability");
    public static final Permission EMAIL_PREVIEW = builtIn("email:preview",
            "Render email previews on desktop, mobile and web clients");
    public static final Permission DOMAIN_READ = builtIn("domain:read", "View sending domains and their DNS records");
    public static final Permission DOMAIN_WRITE = builtIn("domain:write", "Add, verify and remove sending domains");
    public static final Permission PROJECT_WRITE = builtIn("project:write",
            "Import projects and manage their knowledge base, images and logos");
    public static final Permission CAMPAIGN_READ = builtIn("campaign:read", "View campaigns and their status");
    public static final Permission CAMPAIGN_WRITE = builtIn("campaign:write",
            "Create, send, schedule and cancel campaigns");

    private static final List<Permission> BUILT_IN = List.of(AUDIENCE_READ, AUDIENCE_WRITE, EMAIL_READ, EMAIL_SEND,
            TEMPLATE_READ, WEBHOOK_READ, WEBHOOK_WRITE, EMAIL_VALIDATE, EMAIL_PREVIEW, DOMAIN_READ, DOMAIN_WRITE,
            PROJECT_WRITE, CAMPAIGN_READ, CAMPAIGN_WRITE);

    private final String scope;
    private final String description;
    /** Built-in scopes sort in the seed page's order, before every operator's scope (which sort by name). */
    private final int rank;

    private Permission(String scope, String description, int rank) {
        this.scope = scope;
        this.description = description;
        this.rank = rank;
    }

    private static Permission builtIn(String scope, String description) {
        Permission permission = new Permission(scope, description, builtInCount++);
        BUILT_IN_BY_SCOPE.put(scope, permission);
        return permission;
    }

    /** The fourteen built-in scopes, in the order the seed page and the dashboard list them. */
    public static List<Permission> builtIn() {
        return BUILT_IN;
    }

    /** The built-in permission named {@code scope}, or {@code null}. */
    public static Permission fromScope(String scope) {
        return BUILT_IN_BY_SCOPE.get(scope);
    }

    /**
     * The permission named {@code scope}: the built-in one, or an operator's scope described by {@code description}.
     *
     * @throws IllegalArgumentException when {@code scope} is not of the form {@code resource:action}
     */
    public static Permission of(String scope, String description) {
        Permission builtIn = fromScope(scope);
        if (builtIn != null) {
            return builtIn;
        }
        if (!isWellFormed(scope)) {
            throw new IllegalArgumentException("A scope is resource:action in lower case (letters, digits, - and _), "
                    + "like orders:read; not " + scope);
        }
        return new Permission(scope, description == null ? "" : description, Integer.MAX_VALUE);
    }

    /** Whether {@code scope} has the form of a scope, built in or not. */
    public static boolean isWellFormed(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }

    @JsonValue
    public String scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    public boolean isBuiltIn() {
        return rank != Integer.MAX_VALUE;
    }

    @Override
    public String getAuthority() {
        return scope;
    }

    @Override
    public int compareTo(Permission other) {
        int byRank = Integer.compare(rank, other.rank);
        return byRank != 0 ? byRank : scope.compareTo(other.scope);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permission that && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return scope.hashCode();
    }

    @Override
    public String toString() {
        return scope;
    }
}
