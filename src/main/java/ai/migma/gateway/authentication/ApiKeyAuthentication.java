package ai.migma.gateway.authentication;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A checked key: its principal, and its permissions as authorities. Holds no key text. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal principal;

    ApiKeyAuthentication(ApiKeyPrincipal principal) {
        // No authorities handed up: the parent would copy them into two new collections on every request, while
        // the snapshot's set is already immutable and is what getAuthorities() gives.
        super((Collection<GrantedAuthority>) null);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<GrantedAuthority> getAuthorities() {
        // A Set.copyOf of Permissions, which are GrantedAuthorities: immutable, so no caller can add to it.
        return (Collection<GrantedAuthority>) (Collection<? extends GrantedAuthority>) principal.key().permissions();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }
}
