package ai.migma.gateway.jobs;

import ai.migma.gateway.AfterCommit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Starts emulated asynchronous work: call it in the transaction that creates the subject. */
@Service
public class Jobs {

    private final JdbcClient jdbc;
    private final JobProperties properties;
    private final Clock clock;
    private final JobRunner runner;

    Jobs(JdbcClient jdbc, JobProperties properties, Clock clock, JobRunner runner) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.runner = runner;
    }

    /**
     * Schedules the work of {@code kind} on {@code subject}, its first step one step delay from now. Work already
     * scheduled for the subject is left as it is (a retry while the last attempt still runs starts nothing new).
     *
     * @return whether the work was scheduled now
     */
    public boolean start(String kind, UUID subject) {
        return startAt(kind, subject, clock.instant().plus(properties.stepDelay()));
    }

    /** As {@link #start}, the first step due at {@code due} (a scheduled campaign's time, say). */
    public boolean startAt(String kind, UUID subject, Instant due) {
        int inserted = jdbc.sql("insert into timed_jobs (id, kind, subject_id, step, due_at, created_at) "
                        + "values (?, ?, ?, 0, ?, ?) on conflict (kind, subject_id) do nothing")
                .params(UUID.randomUUID(), kind, subject, Timestamp.from(due), Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            AfterCommit.run(runner::wake);
        }
        return inserted == 1;
    }

    /**
     * Drops the work of {@code kind} on {@code subject} that has not run yet. A step running now holds its row, so
     * this waits for it; call it in the transaction that records why (a cancelled campaign, say).
     *
     * @return whether work was dropped
     */
    public boolean cancel(String kind, UUID subject) {
        return jdbc.sql("delete from timed_jobs where kind = ? and subject_id = ?").params(kind, subject).update() == 1;
    }
}
