package ai.migma.gateway.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A key taken from a request, not yet checked. Its {@code toString()} never shows the key. */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private String key;

    ApiKeyAuthenticationToken(String key) {
        // Null is Spring's shared empty list; an empty List.of() would be copied into two new collections.
        super((Collection<GrantedAuthority>) null);
        this.key = key;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return "api-key";
    }

    @Override
    public void eraseCredentials() {
        key = null;
        super.eraseCredentials();
    }
}
