package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The failover's timing, with a stand-in Redis that can be switched off and on. */
@UnitTest
class FailoverBucketStoreTest {

    /** Answers like a store while up, throws like an unreachable Redis while down. */
    static final class SwitchableStore implements BucketStore {
        volatile boolean up = true;
        final AtomicInteger calls = new AtomicInteger();
        final String name;

        SwitchableStore(String name) {
            this.name = name;
        }

        @Override
        public RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
            calls.incrementAndGet();
            if (!up) {
                throw new IllegalStateException("connection refused");
            }
            return new RateLimitDecision(true, name, limit, limit - 1, 0, 0);
        }

        @Override
        public void refund(String bucket, long limit, long version) {
        }
    }

    @Test
    void fallsBackWhileThePrimaryFailsAndReturnsToItWhenItAnswers() throws InterruptedException {
        SwitchableStore redis = new SwitchableStore("redis");
        SwitchableStore local = new SwitchableStore("local");
        FailoverBucketStore store = new FailoverBucketStore(redis, local, Duration.ofMillis(200), "Redis");

        assertThat(store.tryConsume("b", "p", 10, 0).policy()).isEqualTo("redis");
        assertThat(store.degradedSince()).isNull();

        redis.up = false;
        assertThat(store.tryConsume("b", "p", 10, 0).policy()).isEqualTo("local");
        assertThat(store.degradedSince()).isNotNull();

        int redisCalls = redis.calls.get();
        for (int i = 0; i < 100; i++) {
            assertThat(store.tryConsume("b", "p", 10, 0).policy()).isEqualTo("local");
        }
        assertThat(redis.calls.get()).as("a dead Redis is not asked on every request").isEqualTo(redisCalls);

        redis.up = true;
        Thread.sleep(250);
        assertThat(store.tryConsume("b", "p", 10, 0).policy()).isEqualTo("redis");
        assertThat(store.degradedSince()).isNull();
    }
}
