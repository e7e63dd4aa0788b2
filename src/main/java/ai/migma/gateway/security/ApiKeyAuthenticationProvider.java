package ai.migma.gateway.security;

import ai.migma.gateway.apikey.ApiKeyDirectory;
import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.ApiKeyHasher;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.ParsedApiKey;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Checks a key in the order that costs least first: shape and checksum, environment, then the hash lookup (cached),
 * then revocation and expiry. Every refusal is the same 401 to the client; the log names the key id at most.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private final ApiKeyDirectory directory;
    private final KeyEnvironment acceptedEnvironment;
    private final Clock clock;

    ApiKeyAuthenticationProvider(ApiKeyDirectory directory, KeyEnvironment acceptedEnvironment, Clock clock) {
        Assert.notNull(directory, "directory must not be null");
        Assert.notNull(acceptedEnvironment, "acceptedEnvironment must not be null");
        Assert.notNull(clock, "clock must not be null");
        this.directory = directory;
        this.acceptedEnvironment = acceptedEnvironment;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = (String) authentication.getCredentials();
        ParsedApiKey parsed = ApiKeyFormat.parse(key);
        if (parsed == null) {
            throw refused("malformed key or bad checksum", null);
        }
        if (parsed.environment() != acceptedEnvironment) {
            throw refused("a " + parsed.environment().wireName() + " key where " + acceptedEnvironment.wireName()
                    + " keys are accepted", parsed.keyId());
        }
        ApiKeySnapshot snapshot;
        try {
            snapshot = directory.find(ApiKeyHasher.hash(key));
        } catch (DataAccessException unavailable) {
            // Not a 401: the key may well be valid, and a client told so would throw a good key away.
            throw new AuthenticationServiceException("Key store unavailable", unavailable);
        }
        if (snapshot == null) {
            throw refused("unknown key", parsed.keyId());
        }
        if (!snapshot.usableAt(clock.millis())) {
            throw refused(snapshot.revokedAt() != null ? "revoked key" : "expired key", parsed.keyId());
        }
        return new ApiKeyAuthentication(new ApiKeyPrincipal(snapshot));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static RefusedTokenException refused(String reason, String keyId) {
        if (log.isDebugEnabled()) {
            log.debug("Refused API key{}: {}", keyId == null ? "" : " " + keyId, reason);
        }
        return new RefusedTokenException(reason);
    }
}
