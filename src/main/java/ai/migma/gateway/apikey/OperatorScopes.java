package ai.migma.gateway.apikey;

import java.util.List;

/**
 * Scopes an operator defines for the services the gateway fronts: a feature that has some (the proxy's routes)
 * offers them as a bean, and the {@link ScopeCatalog} makes them creatable on keys beside the built-in ones.
 */
public interface OperatorScopes {

    List<Permission> scopes();
}
