package ai.migma.gateway.jobs;

import java.util.UUID;

/**
 * One kind of emulated asynchronous work, advanced a step at a time by the {@link JobRunner}. A step runs in the
 * runner's transaction together with the job's bookkeeping, so a step's changes and its events commit exactly once.
 */
public interface TimedWork {

    /** The name jobs of this kind are stored under (at most 32 characters). */
    String kind();

    /**
     * Runs step {@code step} (0 first) of the work on {@code subject}.
     *
     * @return {@code true} when another step follows, {@code false} when the work is finished
     */
    boolean advance(UUID subject, int step);

    /** The work on {@code subject} is given up after a step kept failing: record that, if the subject can. */
    default void abandon(UUID subject, String error) {
    }
}
