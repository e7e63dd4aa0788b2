package ai.migma.gateway.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A key taken from a request, not yet checked. Its {@code toString()} never shows the key. */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private String key;

    ApiKeyAuthenticationToken(String key) {
        super(List.of());
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
