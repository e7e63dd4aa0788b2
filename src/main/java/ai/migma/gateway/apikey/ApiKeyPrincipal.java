package ai.migma.gateway.apikey;

import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a request authenticated as: a key's snapshot, never its text. Implementing {@link AuthenticatedPrincipal}
 * lets Spring name it by {@link #getName()} rather than by {@code toString()}.
 */
public record ApiKeyPrincipal(ApiKeySnapshot key) implements AuthenticatedPrincipal {

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
