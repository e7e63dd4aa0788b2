package ai.migma.gateway.apikey;

import ai.migma.gateway.web.ApiException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The scopes a key may be given: the built-in ones and every operator's scope ({@link OperatorScopes}), the same
 * list for the admin API, the dashboard and the bootstrap key. A scope stored on a key is honoured whether or not
 * it is still listed: removing a scope from the configuration stops new keys getting it, and its routes with it.
 */
@Component
public final class ScopeCatalog {

    private final Map<String, Permission> byScope = new LinkedHashMap<>();

    ScopeCatalog(List<OperatorScopes> operators) {
        Permission.builtIn().forEach(permission -> byScope.put(permission.scope(), permission));
        for (OperatorScopes operator : operators) {
            operator.scopes().stream().sorted().forEach(permission -> byScope.putIfAbsent(permission.scope(),
                    permission));
        }
    }

    /** Every scope a key may be given, built-in ones first. */
    public List<Permission> all() {
        return List.copyOf(byScope.values());
    }

    /**
     * The permissions named by {@code scopes} (none for {@code null}), in catalog order.
     *
     * @throws ApiException a 400 naming the first scope the catalog does not list
     */
    public SortedSet<Permission> require(Collection<String> scopes) {
        SortedSet<Permission> permissions = new TreeSet<>();
        if (scopes == null) {
            return permissions;
        }
        for (String scope : scopes) {
            Permission permission = byScope.get(scope);
            if (permission == null) {
                throw ApiException.invalid("Unknown permission: " + scope);
            }
            permissions.add(permission);
        }
        return Collections.unmodifiableSortedSet(permissions);
    }
}
