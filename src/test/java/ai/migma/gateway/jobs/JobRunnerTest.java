package ai.migma.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Timed jobs on the real database, run by two runners at once as two gateway instances would: every step of every
 * job runs exactly once, in order, whoever claims it; a step that throws is run again; a job of a kind no runner
 * knows is left for one that does. The runners' clock is two minutes ahead, so the jobs are due for them whatever
 * the running gateway's own runner (which knows none of these kinds and postpones them a minute) does.
 */
@GatewayTest
class JobRunnerTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private static final JobProperties PROPERTIES = new JobProperties(Duration.ZERO, Duration.ofMillis(10), 3);
    private final Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));

    /** Counts each (subject, step) it runs; three steps per subject. */
    private static final class Counting implements TimedWork {
        final String kind = "test-" + UUID.randomUUID().toString().substring(0, 8);
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        final Map<UUID, List<Integer>> order = new ConcurrentHashMap<>();
        final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public boolean advance(UUID subject, int step) {
            if (step == 1 && failOnce.remove(subject)) {
                throw new IllegalStateException("a step that fails once");
            }
            runs.computeIfAbsent(subject + "/" + step, k -> new AtomicInteger()).incrementAndGet();
            order.computeIfAbsent(subject, k -> new ArrayList<>()).add(step);
            return step < 2;
        }
    }

    private JobRunner runner(TimedWork work) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of(work.kind(), work));
        ObjectProvider<TimedWork> kinds = beans.getBeanProvider(TimedWork.class);
        JobRunner runner = new JobRunner(jdbc, transactions, PROPERTIES, ahead, kinds);
        runner.loadKinds(); // not started: the test drives runOne itself
        return runner;
    }

    private void schedule(String kind, List<UUID> subjects) {
        Jobs jobs = new Jobs(jdbc, PROPERTIES, Clock.systemUTC(), runner(new Counting()));
        subjects.forEach(subject -> transactions.executeWithoutResult(status -> jobs.start(kind, subject)));
    }

    private static void drain(JobRunner... runners) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(runners.length);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (JobRunner runner : runners) {
                done.add(threads.submit(() -> {
                    start.await();
                    // Both run until neither finds anything due: an idle pass after the other's last step.
                    for (int idle = 0; idle < 3; idle++) {
                        if (runner.runOne()) {
                            idle = -1;
                        } else {
                            Thread.sleep(20);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoInstancesRunEveryStepOfEveryJobExactlyOnceInOrder() throws Exception {
        Counting work = new Counting();
        List<UUID> subjects = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            subjects.add(UUID.randomUUID());
        }
        schedule(work.kind(), subjects);

        drain(runner(work), runner(work));

        assertThat(work.runs).hasSize(75);
        assertThat(work.runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(work.order.values()).allSatisfy(steps -> assertThat(steps).containsExactly(0, 1, 2));
        assertThat(jdbc.sql("select count(*) from timed_jobs where kind = ?").params(work.kind())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aStepThatThrowsIsRunAgainAndTheJobGoesOn() throws Exception {
        Counting work = new Counting();
        UUID subject = UUID.randomUUID();
        work.failOnce.add(subject);
        schedule(work.kind(), List.of(subject));

        drain(runner(work));

        assertThat(work.order.get(subject)).containsExactly(0, 1, 2);
    }

    @Test
    void aJobStartedTwiceForTheSameSubjectRunsOnce() throws Exception {
        Counting work = new Counting();
        UUID subject = UUID.randomUUID();
        schedule(work.kind(), List.of(subject, subject));

        drain(runner(work));

        assertThat(work.order.get(subject)).containsExactly(0, 1, 2);
    }

    @Test
    void aJobWhoseSubjectCannotBeMarkedFailedIsStillGivenUp() throws Exception {
        TimedWork broken = new TimedWork() {
            final String kind = "test-" + UUID.randomUUID().toString().substring(0, 8);

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean advance(UUID subject, int step) {
                throw new IllegalStateException("always");
            }

            @Override
            public void abandon(UUID subject, String error) {
                throw new IllegalStateException("the subject's error does not fit its column");
            }
        };
        schedule(broken.kind(), List.of(UUID.randomUUID()));

        drain(runner(broken));

        assertThat(jdbc.sql("select count(*) from timed_jobs where kind = ?").params(broken.kind())
                .query(Long.class).single()).isZero();
    }
}
