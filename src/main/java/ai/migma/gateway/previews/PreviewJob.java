package ai.migma.gateway.previews;

import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.rendering.HtmlRenderer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A preview's devices rendered one per timed step, in key order, so a preview fills in device by device as Migma's
 * does. Each step runs in the job runner's transaction: the device's images, its status and the preview's status
 * commit together with the job's next step, and a step cut short is rendered again.
 */
@Component
final class PreviewJob implements TimedWork {

    static final String KIND = "email-preview";
    private static final Logger log = LoggerFactory.getLogger(PreviewJob.class);

    private record Pending(String key, String status) {
    }

    private final JdbcClient jdbc;
    private final HtmlRenderer renderer;
    private final Clock clock;

    PreviewJob(JdbcClient jdbc, HtmlRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Step {@code i} renders the {@code i}-th device; a device that cannot be rendered fails alone. */
    @Override
    public boolean advance(UUID subject, int step) {
        String html = jdbc.sql("select html from previews where id = ?").params(subject)
                .query(String.class).optional().orElse(null);
        if (html == null) {
            return false;
        }
        List<Pending> devices = jdbc.sql("select device_key, status from preview_devices where preview_id = ? "
                        + "order by device_key")
                .params(subject).query((row, n) -> new Pending(row.getString("device_key"), row.getString("status")))
                .list();
        if (step >= devices.size()) {
            return false;
        }
        Pending pending = devices.get(step);
        if (pending.status().equals("PROCESSING")) {
            render(subject, DeviceCatalogue.describe(pending.key()), html);
            updateStatus(subject);
        }
        return step + 1 < devices.size();
    }

    /** The step kept failing for another reason than the HTML (the database, say): what is left fails. */
    @Override
    public void abandon(UUID subject, String error) {
        jdbc.sql("update preview_devices set status = 'FAILED', error = ? where preview_id = ? "
                        + "and status = 'PROCESSING'")
                .params(truncated("Rendering was given up: " + error), subject).update();
        updateStatus(subject);
    }

    private void render(UUID preview, DeviceCatalogue.Device device, String html) {
        long started = System.nanoTime();
        byte[] screenshot;
        byte[] thumbnail;
        try {
            screenshot = renderer.png(html, device.width(), device.height());
            thumbnail = renderer.thumbnail(screenshot, Math.min(PreviewService.THUMBNAIL_WIDTH, device.width()));
        } catch (RuntimeException | StackOverflowError e) {
            // Trying again would draw the same HTML the same way: the device fails now, the others go on.
            log.info("Preview {} could not be rendered on {}: {}", preview, device.key(), e.toString());
            jdbc.sql("update preview_devices set status = 'FAILED', error = ?, processing_time = ? "
                            + "where preview_id = ? and device_key = ?")
                    .params(truncated("Could not render the HTML: " + e.getClass().getSimpleName()),
                            elapsedMillis(started), preview, device.key())
                    .update();
            return;
        }
        jdbc.sql("update preview_devices set status = 'SUCCESSFUL', screenshot = ?, thumbnail = ?, "
                        + "processing_time = ?, error = null where preview_id = ? and device_key = ?")
                .params(screenshot, thumbnail, elapsedMillis(started), preview, device.key())
                .update();
    }

    private void updateStatus(UUID preview) {
        List<String> statuses = jdbc.sql("select status from preview_devices where preview_id = ?")
                .params(preview).query(String.class).list();
        jdbc.sql("update previews set status = ?, updated_at = ? where id = ?")
                .params(overall(statuses), Timestamp.from(clock.instant()), preview).update();
    }

    /** The SDK's {@code PreviewStatus} of a preview whose devices are in {@code statuses}. */
    static String overall(List<String> statuses) {
        if (statuses.isEmpty() || statuses.contains("PROCESSING")) {
            return "PROCESSING";
        }
        if (!statuses.contains("FAILED")) {
            return "COMPLETED";
        }
        return statuses.contains("SUCCESSFUL") ? "PARTIAL_SUCCESS" : "FAILED";
    }

    private static int elapsedMillis(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private static String truncated(String message) {
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
