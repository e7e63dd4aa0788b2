package ai.migma.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The caches in front of the database: their upkeep runs on the caller's thread, their reloads never do, so a request
 * neither hands work to another thread on every cold lookup nor waits for the database to refresh a stale entry.
 */
@UnitTest
class CachePropertiesTest {

    private static final Duration TTL = Duration.ofMillis(50);

    @Test
    void aStaleEntryIsServedAtOnceAndReloadedOnAnotherThread() throws Exception {
        LinkedBlockingQueue<Thread> loaders = new LinkedBlockingQueue<>();
        CountDownLatch reloadMayFinish = new CountDownLatch(1);
        AtomicInteger version = new AtomicInteger();
        LoadingCache<String, Integer> cache = new CacheProperties(10, TTL, Duration.ofMinutes(1)).newCache(key -> {
            loaders.add(Thread.currentThread());
            int loaded = version.incrementAndGet();
            if (loaded > 1) {
                reloadMayFinish.await(2, TimeUnit.SECONDS);
            }
            return loaded;
        });

        assertThat(cache.get("k")).isEqualTo(1);
        assertThat(loaders.take()).isSameAs(Thread.currentThread());
        Thread.sleep(TTL.toMillis() * 2);

        // The reload is held until after the stale value has been served, so a reload on this thread would hang here.
        assertThat(cache.get("k")).isEqualTo(1);
        Thread reloader = loaders.poll(5, TimeUnit.SECONDS);
        reloadMayFinish.countDown();

        assertThat(reloader).isNotNull().isNotSameAs(Thread.currentThread());
        awaitValue(cache, 2);
    }

    @Test
    void aReloadThatFailsKeepsTheEntry() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger reloads = new AtomicInteger();
        LoadingCache<String, String> cache = new CacheProperties(10, TTL, Duration.ofMinutes(1)).newCache(key -> {
            if (down.get()) {
                reloads.incrementAndGet();
                throw new IllegalStateException("database down");
            }
            return "kept";
        });
        cache.get("k");
        down.set(true);
        Thread.sleep(TTL.toMillis() * 2);

        assertThat(cache.get("k")).isEqualTo("kept");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reloads.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reloads.get()).isPositive();
        assertThat(cache.get("k")).isEqualTo("kept");
    }

    @Test
    void evictionBeyondTheBoundHappensOnTheWritingThread() {
        LoadingCache<Integer, Integer> cache = new CacheProperties(100, Duration.ofMinutes(5), Duration.ofMinutes(15))
                .newCache(key -> key);

        for (int key = 0; key < 1_000; key++) {
            cache.get(key);
        }

        // Without a cleanUp() and without waiting: nothing was left for a pool thread to do later.
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
    }

    private static void awaitValue(LoadingCache<String, Integer> cache, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Integer.valueOf(expected).equals(cache.getIfPresent("k")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.getIfPresent("k")).isEqualTo(expected);
    }
}
