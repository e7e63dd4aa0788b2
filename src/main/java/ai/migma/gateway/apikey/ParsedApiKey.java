package ai.migma.gateway.apikey;

/** What a well-formed key says about itself before any lookup. Holds no secret, so it is safe to log. */
public record ParsedApiKey(KeyEnvironment environment, String keyId) {
}
