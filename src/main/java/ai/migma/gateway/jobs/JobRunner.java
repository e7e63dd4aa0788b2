package ai.migma.gateway.jobs;

import ai.migma.gateway.Poller;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the due steps of {@code timed_jobs}, one step per transaction: the row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and the step's changes commit with the job's next step, so of several instances
 * sharing the database exactly one runs each step, and a step cut short by a crash is run again after a restart. A
 * step that throws is tried again later, with a doubling wait, and given up after {@code maxAttempts}.
 */
@Component
final class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private record Due(UUID id, String kind, UUID subject, int step, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobProperties properties;
    private final Clock clock;
    private final ObjectProvider<TimedWork> kinds;
    private volatile Map<String, TimedWork> work = Map.of();
    private final Poller poller;

    JobRunner(JdbcClient jdbc, TransactionTemplate transactions, JobProperties properties, Clock clock,
            ObjectProvider<TimedWork> kinds) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        // Looked up at start: the kinds of work start jobs through Jobs, which wakes this runner.
        this.kinds = kinds;
        this.poller = new Poller("job-runner", Duration.ZERO, properties.pollInterval(), this::runDue);
    }

    /** A job was committed: look for due steps now rather than at the next poll. */
    void wake() {
        poller.wake();
    }

    private void runDue() {
        while (poller.running() && runOne()) {
            // Steps due now, including the next step of a job whose delay is zero, run back to back.
        }
    }

    /** Runs one due step; {@code false} when none is due. */
    boolean runOne() {
        Due[] claimed = new Due[1];
        try {
            Boolean ran = transactions.execute(status -> {
                Optional<Due> due = claim();
                if (due.isEmpty()) {
                    return false;
                }
                claimed[0] = due.get();
                step(due.get());
                return true;
            });
            return Boolean.TRUE.equals(ran);
        } catch (RuntimeException | Error e) {
            if (claimed[0] == null) {
                throw e;
            }
            // An Error of a step (a renderer out of memory, say) counts as an attempt like any failure.
            failed(claimed[0], e);
            return true;
        }
    }

    private Optional<Due> claim() {
        return jdbc.sql("select id, kind, subject_id, step, attempts from timed_jobs where due_at <= ? "
                        + "order by due_at limit 1 for update skip locked")
                .params(Timestamp.from(clock.instant()))
                .query((row, n) -> new Due(row.getObject("id", UUID.class), row.getString("kind"),
                        row.getObject("subject_id", UUID.class), row.getInt("step"), row.getInt("attempts")))
                .optional();
    }

    private void step(Due due) {
        TimedWork kind = work.get(due.kind());
        if (kind == null) {
            // Scheduled by a version of the gateway that knows this kind: left for it, looked at again later.
            jdbc.sql("update timed_jobs set due_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant().plus(Duration.ofMinutes(1))), due.id()).update();
            return;
        }
        if (kind.advance(due.subject(), due.step())) {
            jdbc.sql("update timed_jobs set step = step + 1, attempts = 0, last_error = null, due_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant().plus(properties.stepDelay())), due.id()).update();
        } else {
            jdbc.sql("delete from timed_jobs where id = ?").params(due.id()).update();
        }
    }

    private void failed(Due due, Throwable error) {
        // Short: subjects store it behind a prefix in columns of 500 characters; the log keeps the whole of it.
        String message = String.valueOf(error.getMessage());
        String reason = message.length() > 200 ? message.substring(0, 200) : message;
        int attempts = due.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            log.warn("Gave up {} job on {} at step {} after {} attempts", due.kind(), due.subject(), due.step(),
                    attempts, error);
            TimedWork kind = work.get(due.kind());
            try {
                if (kind != null) {
                    transactions.executeWithoutResult(status -> kind.abandon(due.subject(), reason));
                }
            } catch (RuntimeException e) {
                // The job goes all the same: a job kept because its subject cannot be marked would be claimed first
                // in every round, for ever, ahead of every other job.
                log.warn("Could not mark the subject of the {} job on {} as failed", due.kind(), due.subject(), e);
            }
            transactions.executeWithoutResult(status -> jdbc.sql("delete from timed_jobs where id = ? and step = ?")
                    .params(due.id(), due.step()).update());
            return;
        }
        log.info("{} job on {} failed at step {} (attempt {}), will retry: {}", due.kind(), due.subject(),
                due.step(), attempts, reason);
        Duration wait = properties.pollInterval().multipliedBy(1L << Math.min(attempts, 10));
        transactions.executeWithoutResult(status -> jdbc.sql(
                        "update timed_jobs set attempts = ?, last_error = ?, due_at = ? where id = ? and step = ?")
                .params(attempts, reason, Timestamp.from(clock.instant().plus(wait)), due.id(), due.step())
                .update());
    }

    @Override
    public void start() {
        loadKinds();
        poller.start();
    }

    /** Learns the kinds of work from the context (at start: they need this runner to be built first). */
    void loadKinds() {
        work = kinds.orderedStream().collect(Collectors.toUnmodifiableMap(TimedWork::kind, Function.identity()));
    }

    /** The step in progress finishes; what is still due stays in the table for the next start. */
    @Override
    public void stop() {
        poller.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return poller.started();
    }

    /** Stopped with the webhook dispatcher: after the web server has drained, before the database goes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
