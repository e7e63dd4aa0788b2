package ai.migma.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A checked key: its principal, and its permissions as authorities. Holds no key text. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal principal;

    ApiKeyAuthentication(ApiKeyPrincipal principal) {
        super(principal.key().permissions());
        this.principal = principal;
        setAuthenticated(true);
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
