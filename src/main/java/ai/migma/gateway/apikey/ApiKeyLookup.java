package ai.migma.gateway.apikey;

/**
 * Finding a key by the SHA-256 of its text, as authentication needs it: what this instance already knows (the key,
 * or that no key has the hash) apart from what it must ask the database, so that the caller can decide what a
 * database question may cost first. {@link ApiKeyDirectory} is the one implementation.
 */
public interface ApiKeyLookup {

    /** The key if this instance holds it; {@code null} says nothing either way. */
    ApiKeySnapshot cached(byte[] hash);

    /** Whether this instance knows that no key has {@code hash}. */
    boolean knownUnknown(byte[] hash);

    /**
     * The key, asking the database unless it is cached, and remembering a hash no key has; revoked and expired keys
     * are returned as they are. Callers ask {@link #knownUnknown} first. {@code beforeQuery} runs, on the caller's
     * thread, only if this very call is the one that asks the database, and stops the question by throwing:
     * concurrent calls for one hash wait for a single question and share the key it finds without running theirs
     * (a question that finds nothing or fails is not shared: each waiting call then asks in turn).
     */
    ApiKeySnapshot find(byte[] hash, Runnable beforeQuery);
}
