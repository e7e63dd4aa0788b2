package ai.migma.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caches in front of the database that keep SQL off the request path: keys by hash, accounts by id
 * ({@code migma.cache.*}).
 *
 * @param maximumSize entries each cache holds at most; the least used leave first, so memory stays flat however
 *     many keys and accounts exist
 * @param ttl how long a cached entry is trusted without reading it again; a change made through this instance
 *     evicts at once, so this bounds only changes made through other instances
 */
@ConfigurationProperties("migma.cache")
public record CacheProperties(@DefaultValue("100000") long maximumSize, @DefaultValue("30s") Duration ttl) {

    /** A cache bounded and expiring as configured. */
    public <K, V> Cache<K, V> newCache() {
        return Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
    }
}
