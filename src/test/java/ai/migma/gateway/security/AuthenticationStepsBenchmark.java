package ai.migma.gateway.security;

import ai.migma.gateway.CacheProperties;
import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.ApiKeyHasher;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.ParsedApiKey;
import ai.migma.gateway.authentication.BearerTokens;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The authentication steps of a request, each alone: the firewall's check of the header value (Spring's expression
 * and the fast path), reading the bearer header, checking the key's shape and
 * checksum, hashing it, and finding it in a warm cache (the gateway's cache policy, {@link CacheProperties#newCache},
 * keyed by a 32-byte hash as the key directory is), for one hot key and for 100,000 keys looked up at random.
 * Run by {@code bench/hot-path-jmh.sh}; figures in docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticationStepsBenchmark {

    private static final int KEYS = 100_000;
    private static final Predicate<String> SPRING_HEADER_RULE =
            Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").asMatchPredicate();

    private MockHttpServletRequest request;
    private String key;
    private String header;
    private byte[] hash;
    private Hash[] manyHashes;
    private LoadingCache<Hash, String> cache;

    /** The key directory's cache key: a hash compared by content. */
    private record Hash(byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        key = ApiKeyFormat.generate(KeyEnvironment.TEST, random);
        hash = ApiKeyHasher.hash(key);
        request = new MockHttpServletRequest("GET", "/v1/webhooks/events");
        header = "Bearer " + key;
        request.addHeader("Authorization", header);
        cache = new CacheProperties(KEYS * 2L, Duration.ofHours(1), Duration.ofHours(2)).newCache(h -> "snapshot");
        manyHashes = new Hash[KEYS];
        for (int i = 0; i < KEYS; i++) {
            manyHashes[i] = new Hash(ApiKeyHasher.hash(ApiKeyFormat.generate(KeyEnvironment.TEST, random)));
            cache.get(manyHashes[i]);
        }
        cache.get(new Hash(hash));
    }

    @Benchmark
    public String readBearerHeader() {
        return BearerTokens.resolve(request);
    }

    /** Spring Security's default check of a header value read through the firewall. */
    @Benchmark
    public boolean firewallCheckOfTheHeaderWithTheExpression() {
        return SPRING_HEADER_RULE.test(header);
    }

    /** The same rule with the printable-ASCII fast path ({@link FastPathFirewall}). */
    @Benchmark
    public boolean firewallCheckOfTheHeaderWithTheFastPath() {
        return FastPathFirewall.allowed(header);
    }

    @Benchmark
    public ParsedApiKey checkShapeAndChecksum() {
        return ApiKeyFormat.parse(key);
    }

    @Benchmark
    public byte[] hashKey() {
        return ApiKeyHasher.hash(key);
    }

    @Benchmark
    public String cacheLookupOfOneHotKey() {
        return cache.get(new Hash(hash));
    }

    @Benchmark
    public String cacheLookupAmong100kKeys() {
        Hash stored = manyHashes[ThreadLocalRandom.current().nextInt(KEYS)];
        // A new key object per lookup, as a request builds one from its own hash.
        return cache.get(new Hash(stored.bytes()));
    }
}
