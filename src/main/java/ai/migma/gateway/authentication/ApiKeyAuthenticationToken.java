package ai.migma.gateway.authentication;

import java.util.Collection;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A key taken from a request, not yet checked ({@code null} when the request had none), with the client whose
 * failure budget pays for it; the client is worked out only if a budget is touched, which a warm valid key never
 * does. Its {@code toString()} never shows the key.
 */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private String key;
    private final Supplier<String> client;

    ApiKeyAuthenticationToken(String key, Supplier<String> client) {
        // Null is Spring's shared empty list; an empty List.of() would be copied into two new collections.
        super((Collection<GrantedAuthority>) null);
        this.key = key;
        this.client = client;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return "api-key";
    }

    /** The key of the client's failure budget. */
    String client() {
        return client.get();
    }

    @Override
    public void eraseCredentials() {
        key = null;
        super.eraseCredentials();
    }
}
