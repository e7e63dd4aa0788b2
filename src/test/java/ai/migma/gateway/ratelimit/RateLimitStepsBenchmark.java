package ai.migma.gateway.ratelimit;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The rate-limit steps of a request, each alone: one consumption from a local Bucket4j bucket (two threads on
 * the same account's bucket, the contended case), and writing the five rate-limit headers of a decision.
 * Run by {@code bench/hot-path-jmh.sh}; figures in docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitStepsBenchmark {

    private LocalBucketStore buckets;
    private String bucket;
    private RateLimitDecision decision;
    private MockHttpServletResponse response;

    @Setup
    public void setUp() {
        buckets = new LocalBucketStore(1_000_000);
        bucket = "acct:" + UUID.randomUUID() + ":test";
        decision = buckets.tryConsume(bucket, "account", 1_000_000_000L, 1);
        response = new MockHttpServletResponse();
    }

    @Benchmark
    @Threads(2)
    public RateLimitDecision consumeFromTheAccountBucket() {
        return buckets.tryConsume(bucket, "account", 1_000_000_000L, 1);
    }

    @Benchmark
    public MockHttpServletResponse writeRateLimitHeaders() {
        RateLimitHeaders.write(response, decision);
        return response;
    }
}
