package ai.migma.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round of background work on a daemon thread of its own: every interval, and at once when woken (a commit made
 * work due), wakes that arrive while one is queued counting as one. Rounds never overlap. A round that throws is
 * logged and the next one runs all the same: a periodic task that throws would otherwise never run again.
 */
public final class Poller {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable round;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public Poller(String name, Duration initialDelay, Duration interval, Runnable round) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.round = round;
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
        executor.scheduleWithFixedDelay(this::runRound, initialDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs a round now rather than at the next interval, unless one is already queued. */
    public void wake() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeQueued.compareAndSet(false, true)) {
            current.execute(this::runRound);
        }
    }

    /** Whether rounds still run: a round that drains in a loop stops when this turns false. */
    public boolean running() {
        ScheduledExecutorService current = executor;
        return current != null && !current.isShutdown();
    }

    /** No round starts after this; the one in progress gets {@code await} to finish. */
    public void stop(Duration await) {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            current.awaitTermination(await.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean started() {
        return executor != null;
    }

    private void runRound() {
        wakeQueued.set(false);
        try {
            round.run();
        } catch (Throwable e) {
            log.warn("{} round failed; what was due stays due for the next round", name, e);
        }
    }

    /** Threads named {@code name} that do not keep the JVM alive. */
    public static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
