package ai.migma.gateway;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caches in front of the database that keep SQL off the request path: keys by hash, accounts by id
 * ({@code migma.cache.*}).
 *
 * @param maximumSize entries each cache holds at most; the least used leave first, so memory stays flat however
 *     many keys and accounts exist. Size it above the number of keys active at once: a key that does not fit is
 *     read from the database on every request (docs/PERFORMANCE.md measures 100,000 active keys)
 * @param ttl how long a cached entry is served before it is read again (in the background, the stale entry
 *     serving meanwhile); changes evict on every instance at once, so this is a safety net. Every active key is
 *     read again once per ttl: at 30 s, 100,000 active keys meant 3,300 queries a second and a quarter of the
 *     throughput (docs/PERFORMANCE.md), hence minutes
 * @param maxStale how long an entry may be served at all without the database confirming it: while the database
 *     is down, keys seen recently keep working this long
 */
@ConfigurationProperties("migma.cache")
public record CacheProperties(@DefaultValue("250000") long maximumSize, @DefaultValue("5m") Duration ttl,
        @DefaultValue("15m") Duration maxStale) {

    /**
     * A cache bounded as configured whose entries are reloaded after {@code ttl}; a reload that fails (database
     * down) keeps the old entry, until {@code maxStale}. A loader returning {@code null} caches nothing.
     *
     * <p>Caffeine's upkeep (draining its read and write buffers, evicting) runs on the thread that fills a buffer
     * rather than as a task for the common pool: handing it over cost a thread wake-up on every cold lookup and every
     * few dozen warm reads, about a tenth of a cold request's CPU on two cores (docs/PERFORMANCE.md), more than the
     * upkeep itself. Reloads, which ask the database, still run in the common pool: a request never waits for one.
     */
    public <K, V> LoadingCache<K, V> newCache(CacheLoader<K, V> loader) {
        return Caffeine.newBuilder().executor(Runnable::run).maximumSize(maximumSize).refreshAfterWrite(ttl)
                .expireAfterWrite(maxStale).recordStats().build(new ReloadingInCommonPool<>(loader));
    }

    /** {@code loader}, whose reloads go to the common pool whatever executor the cache was given. */
    private record ReloadingInCommonPool<K, V>(CacheLoader<K, V> loader) implements CacheLoader<K, V> {

        @Override
        public V load(K key) throws Exception {
            return loader.load(key);
        }

        @Override
        public CompletableFuture<? extends V> asyncReload(K key, V oldValue, Executor executor) throws Exception {
            return loader.asyncReload(key, oldValue, ForkJoinPool.commonPool());
        }
    }
}
