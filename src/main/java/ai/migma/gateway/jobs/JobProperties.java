package ai.migma.gateway.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Emulated asynchronous work ({@code migma.jobs.*}): what takes time in Migma (imports, generation, previews,
 * delivery) takes {@code stepDelay} per step here.
 *
 * @param stepDelay wait before each step of a job; {@code 0} runs the steps back to back (tests)
 * @param pollInterval how often due steps are looked for (a new job is also looked at once after commit)
 * @param maxAttempts tries of a step that throws before its job is given up
 */
@ConfigurationProperties("migma.jobs")
public record JobProperties(@DefaultValue("2s") Duration stepDelay, @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts) {

    public JobProperties {
        if (stepDelay.isNegative() || pollInterval.isNegative() || pollInterval.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "migma.jobs.step-delay must be >= 0, poll-interval > 0 and max-attempts >= 1");
        }
    }
}
