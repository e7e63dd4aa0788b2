package ai.migma.gateway.ratelimit;

import ai.migma.gateway.web.PreEncodedHeaders;
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
import org.apache.tomcat.util.http.MimeHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The rate-limit steps of a request, each alone: one consumption from a local Bucket4j bucket (two threads on
 * the same account's bucket, the contended case), and the five rate-limit headers of a decision, from written to
 * encoded for the wire as Tomcat does at commit: as Strings through the servlet API, and pre-encoded.
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
    private MockHttpServletRequest plainRequest;
    private MockHttpServletRequest tomcatRequest;
    private MimeHeaders tomcatHeaders;

    @Setup
    public void setUp() {
        buckets = new LocalBucketStore(1_000_000);
        bucket = "acct:" + UUID.randomUUID() + ":test";
        decision = buckets.tryConsume(bucket, "account", 1_000_000_000L, 1);
        response = new MockHttpServletResponse();
        plainRequest = new MockHttpServletRequest();
        tomcatRequest = new MockHttpServletRequest();
        tomcatHeaders = new MimeHeaders();
        tomcatRequest.setAttribute(PreEncodedHeaders.ATTRIBUTE, tomcatHeaders);
    }

    @Benchmark
    @Threads(2)
    public RateLimitDecision consumeFromTheAccountBucket() {
        return buckets.tryConsume(bucket, "account", 1_000_000_000L, 1);
    }

    /** Before: Strings, which Tomcat encodes name and value with a new CharsetEncoder each at commit. */
    @Benchmark
    public MimeHeaders rateLimitHeadersAsStrings() {
        tomcatHeaders.recycle();
        response.reset();
        RateLimitHeaders.write(plainRequest, response, decision);
        for (String name : response.getHeaderNames()) {
            tomcatHeaders.addValue(name).setString(response.getHeader(name));
        }
        return encodeForTheWire(tomcatHeaders);
    }

    /** Now: bytes straight into Tomcat's header table; nothing is left to encode at commit. */
    @Benchmark
    public MimeHeaders rateLimitHeadersPreEncoded() {
        tomcatHeaders.recycle();
        RateLimitHeaders.write(tomcatRequest, response, decision);
        return encodeForTheWire(tomcatHeaders);
    }

    /** What Http11OutputBuffer.sendHeader does to each header before copying its bytes. */
    private static MimeHeaders encodeForTheWire(MimeHeaders headers) {
        for (int i = 0; i < headers.size(); i++) {
            headers.getName(i).toBytes();
            headers.getValue(i).toBytes();
        }
        return headers;
    }
}
