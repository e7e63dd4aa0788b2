package ai.migma.gateway.apikey;

import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;

/**
 * Who a request authenticated as: a key's snapshot, never its text. Implementing {@link AuthenticatedPrincipal}
 * lets Spring name it by {@link #getName()} rather than by {@code toString()}.
 */
public record ApiKeyPrincipal(ApiKeySnapshot key) implements AuthenticatedPrincipal {

    /** The key a request authenticated with, as the API chain's later steps read it; null if it has none. */
    public static ApiKeyPrincipal of(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ApiKeyPrincipal key ? key : null;
    }

    public String keyId() {
        return key.keyId();
    }

    public UUID accountId() {
        return key.accountId();
    }

    @Override
    public String getName() {
        return key.keyId();
    }
}
