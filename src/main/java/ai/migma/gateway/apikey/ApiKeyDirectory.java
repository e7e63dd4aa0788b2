package ai.migma.gateway.apikey;

import ai.migma.gateway.CacheProperties;
import ai.migma.gateway.cache.CacheEvents;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Finds keys by hash, through a bounded cache so that a warm request runs no SQL. Unknown hashes are not cached:
 * they would let a client fill the cache with made-up keys and push real ones out.
 */
@Component
public final class ApiKeyDirectory {

    private final LoadingCache<KeyHash, ApiKeySnapshot> cache;

    static final String TOPIC = "key";

    ApiKeyDirectory(ApiKeyRepository keys, CacheProperties properties, CacheEvents events, MeterRegistry meters) {
        this.cache = properties.newCache(hash -> keys.findByKeyHash(hash.bytes()).map(ApiKey::snapshot).orElse(null));
        CaffeineCacheMetrics.monitor(meters, cache, "apiKeys");
        events.subscribe(TOPIC, hex -> evict(HexFormat.of().parseHex(hex)), cache::invalidateAll);
    }

    /** The key whose SHA-256 is {@code hash}, or {@code null}; revoked and expired keys are returned as they are. */
    public ApiKeySnapshot find(byte[] hash) {
        // Caffeine loads one key at a time per hash and does not store a null, which is what keeps unknowns out.
        return cache.get(new KeyHash(hash));
    }

    void evict(byte[] hash) {
        cache.invalidate(new KeyHash(hash));
    }

    private record KeyHash(byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyHash that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "KeyHash";
        }
    }
}
