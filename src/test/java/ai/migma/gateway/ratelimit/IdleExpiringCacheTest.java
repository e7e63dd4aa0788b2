package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bucket caches do their upkeep on the thread that reads or writes, never handing it to another thread. */
@UnitTest
class IdleExpiringCacheTest {

    @Test
    void staysWithinItsMaximumAfterEveryWriteBecauseUpkeepRunsOnTheCaller() {
        Cache<String, Integer> cache = BucketFinder.idleExpiringCache(10, Duration.ofMinutes(1));
        for (int i = 0; i < 1_000; i++) {
            cache.put("bucket-" + i, i);
            // Handed to the common pool, eviction would trail the writes; done here, it has happened already.
            assertThat(cache.estimatedSize()).as("after write %d", i).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void dropsAnEntryIdleForLongerThanItsIdleTime() throws InterruptedException {
        // Read ten times more often than the idle time, so a slow machine's pause cannot expire it by accident.
        Cache<String, Integer> cache = BucketFinder.idleExpiringCache(10, Duration.ofMillis(300));
        cache.put("idle", 1);
        cache.put("read", 2);
        for (int i = 0; i < 12; i++) {
            Thread.sleep(30);
            assertThat(cache.getIfPresent("read")).isEqualTo(2);
        }
        assertThat(cache.getIfPresent("idle")).isNull();
        assertThat(cache.getIfPresent("read")).isEqualTo(2);
    }
}
