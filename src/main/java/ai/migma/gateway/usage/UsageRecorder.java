package ai.migma.gateway.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Counts requests per key, minute and outcome in memory, with no lock and no I/O on the request path, and writes
 * the counts in batches every flush interval. A failed write puts its counts back, to go with the next flush. On
 * shutdown it stops after the web server has drained its requests and writes what is left before the database
 * connections close, so a SIGTERM loses nothing.
 */
@Component
public final class UsageRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);
    private static final long MINUTE_MILLIS = 60_000;
    /** lastUsedAt to the second: rewriting it on every request would make every request contend on it. */
    private static final long LAST_USED_RESOLUTION_MILLIS = 1_000;

    private final UsageWriter writer;
    private final UsageProperties properties;
    private final Clock clock;
    private final Map<Slot, Counts> buffer = new ConcurrentHashMap<>();
    private final Counter dropped;
    private ScheduledExecutorService flusher;
    private volatile boolean running;
    private boolean failing;

    private record Slot(String keyId, long minute) {
    }

    private static final class Counts {
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        final AtomicLong lastUsedMillis = new AtomicLong();

        Counts() {
            for (int i = 0; i < byOutcome.length; i++) {
                byOutcome[i] = new LongAdder();
            }
        }

        void add(Outcome outcome, long nowMillis) {
            byOutcome[outcome.ordinal()].increment();
            if (nowMillis - lastUsedMillis.get() >= LAST_USED_RESOLUTION_MILLIS) {
                lastUsedMillis.accumulateAndGet(nowMillis, Math::max);
            }
        }

        /** Takes the counts, leaving zeros; an increment racing with this lands in this drain or the next. */
        long[] drain() {
            long[] counts = new long[byOutcome.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = byOutcome[i].sumThenReset();
            }
            return counts;
        }

        void restore(long[] counts, long lastUsed) {
            for (int i = 0; i < counts.length; i++) {
                byOutcome[i].add(counts[i]);
            }
            lastUsedMillis.accumulateAndGet(lastUsed, Math::max);
        }
    }

    UsageRecorder(UsageWriter writer, UsageProperties properties, Clock clock, MeterRegistry meters) {
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
        this.dropped = Counter.builder("migma.usage.dropped")
                .description("Requests not counted because the usage buffer was full (database unreachable)")
                .register(meters);
        Gauge.builder("migma.usage.buffered", buffer, Map::size)
                .description("Key-minutes of usage held in memory, waiting to be written").register(meters);
    }

    /** Counts one request of the key {@code keyId} that ended with {@code status}. */
    public void record(String keyId, int status) {
        long now = clock.millis();
        Slot slot = new Slot(keyId, now / MINUTE_MILLIS);
        Counts counts = buffer.get(slot);
        if (counts == null) {
            if (buffer.size() >= properties.maxBufferedEntries()) {
                dropped.increment();
                return;
            }
            counts = buffer.computeIfAbsent(slot, s -> new Counts());
        }
        counts.add(Outcome.of(status), now);
    }

    /** Writes everything counted so far. Called by the flusher, on shutdown, and by tests that cannot wait. */
    public synchronized void flush() {
        long started = System.nanoTime();
        long currentMinute = clock.millis() / MINUTE_MILLIS;
        List<UsageRow> rows = new ArrayList<>();
        for (Map.Entry<Slot, Counts> entry : buffer.entrySet()) {
            Slot slot = entry.getKey();
            Counts counts = entry.getValue();
            long[] drained = counts.drain();
            if (slot.minute() < currentMinute - 1 && buffer.remove(slot, counts)) {
                // No request records into a minute this old any more; drain once more for any that just did.
                long[] late = counts.drain();
                for (int i = 0; i < drained.length; i++) {
                    drained[i] += late[i];
                }
            }
            UsageRow row = new UsageRow(slot.keyId(), slot.minute(), drained, counts.lastUsedMillis.get());
            if (row.total() > 0) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            writer.write(rows);
            log.debug("Wrote usage of {} key-minutes in {} ms", rows.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (failing) {
                failing = false;
                log.info("Usage is written again");
            }
        } catch (RuntimeException failure) {
            if (!failing) {
                failing = true;
                log.warn("Could not write usage; keeping it in memory and retrying", failure);
            }
            for (UsageRow row : rows) {
                buffer.computeIfAbsent(new Slot(row.keyId(), row.minute()), s -> new Counts())
                        .restore(row.counts(), row.lastUsedMillis());
            }
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        long interval = properties.flushInterval().toMillis();
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the web server's phases: stopped only once requests in flight have finished. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException unexpected) {
            log.error("Usage flush failed", unexpected);
        }
    }
}
