package ai.migma.gateway.usage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
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

/**
 * What the request path pays to count one request: {@link UsageRecorder#record} for one hot key from two threads
 * (both cores contending on the same counters, the worst case). Run by {@code bench/usage-recording-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UsageRecorderBenchmark {

    private UsageRecorder recorder;

    @Setup
    public void setUp() {
        // No flush runs here: the writer is never called.
        recorder = new UsageRecorder(null, new UsageProperties(true, Duration.ofHours(1), 1_000_000),
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Benchmark
    @Threads(2)
    public void recordOneRequestOfAHotKey() {
        recorder.record("hotKey01", 200);
    }
}
