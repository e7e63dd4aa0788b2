package ai.migma.gateway.previews;

import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.rendering.HtmlRenderer;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SDK's {@code previews} resource: a preview is stored {@code PROCESSING} with a row per device, and
 * {@link PreviewJob} renders one device per timed step. A preview is its account's: another's is not found.
 * URLs are absolute, under the {@code base} the caller took from the current request.
 */
@Service
class PreviewService {

    /** Below the 1 MB body limit (a 413), so an oversized email is a 400 that says what is too big. */
    static final int MAX_HTML_LENGTH = 512 * 1024;
    /** Width of the stored thumbnail; {@code full-thumbnail.png} is half the screenshot's width. */
    static final int THUMBNAIL_WIDTH = 300;

    /** The SDK's {@code CreatePreviewParams}. */
    public record CreatePreviewParams(String html, String subject, List<String> devices, String name) {
    }

    /** The SDK's {@code PreviewDevice}; the URLs are null until the device is {@code SUCCESSFUL}. */
    public record PreviewDevice(String deviceKey, String deviceName, String client, String os, String category,
            String status, String screenshotUrl, String thumbnailUrl, String fullThumbnailUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer processingTime) {
    }

    /** The SDK's {@code PreviewMetadata}; {@code processingTime} (ms) once no device is processing. */
    public record PreviewMetadata(int requestedDevices, int completedDevices, int failedDevices,
            int processingDevices, @JsonInclude(JsonInclude.Include.NON_NULL) Long processingTime) {
    }

    /** The SDK's {@code CreatePreviewResponse}: never {@code cached}, every preview is rendered anew. */
    public record CreatePreviewResponse(String previewId, String status, List<PreviewDevice> devices,
            PreviewMetadata metadata, boolean cached) {
    }

    /** The SDK's {@code GetPreviewResponse}. */
    public record GetPreviewResponse(String previewId, String status, List<PreviewDevice> devices,
            PreviewMetadata metadata) {
    }

    /** The SDK's {@code GetPreviewStatusResponse}. */
    public record GetPreviewStatusResponse(String previewId, String status, PreviewMetadata metadata) {
    }

    /** The SDK's {@code GetDevicePreviewResponse}. */
    public record GetDevicePreviewResponse(PreviewDevice device) {
    }

    /** The SDK's {@code SupportedDevice}, with the viewport it is rendered at. */
    public record SupportedDevice(String key, String name, String category, String client, String os, int width,
            int height) {
    }

    /** The SDK's {@code DeviceCategoriesResponse}. */
    public record DeviceCategories(List<SupportedDevice> desktop, List<SupportedDevice> mobile,
            List<SupportedDevice> web, List<SupportedDevice> misc) {
    }

    /** The SDK's {@code GetSupportedDevicesResponse}. */
    public record GetSupportedDevicesResponse(int total, DeviceCategories categories, List<SupportedDevice> devices) {
    }

    /** The images a successful device serves, by the file name its URLs end with. */
    enum Image {
        SCREENSHOT("screenshot.png"), THUMBNAIL("thumbnail.png"), FULL_THUMBNAIL("full-thumbnail.png");

        final String file;

        Image(String file) {
            this.file = file;
        }

        static Optional<Image> of(String file) {
            for (Image image : values()) {
                if (image.file.equals(file)) {
                    return Optional.of(image);
                }
            }
            return Optional.empty();
        }
    }

    private record Stored(UUID id, String status, Instant createdAt, Instant updatedAt) {
    }

    private record DeviceRow(String key, String status, Integer processingTime) {
    }

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final HtmlRenderer renderer;
    private final Clock clock;

    PreviewService(JdbcClient jdbc, Jobs jobs, HtmlRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Transactional
    public CreatePreviewResponse create(UUID accountId, CreatePreviewParams params, String base) {
        if (params == null) {
            throw ApiException.invalid("A JSON body with html is required");
        }
        if (params.html() == null || params.html().isBlank()) {
            throw ApiException.invalid("html must not be blank");
        }
        if (params.html().length() > MAX_HTML_LENGTH) {
            throw ApiException.invalid("html must be at most " + MAX_HTML_LENGTH + " characters");
        }
        String subject = Fields.optionalText("subject", params.subject(), 500);
        String name = Fields.optionalText("name", params.name(), 200);
        List<DeviceCatalogue.Device> devices = DeviceCatalogue.requested(params.devices());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into previews (id, account_id, name, subject, html, status, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, 'PROCESSING', ?, ?)")
                .params(id, accountId, name, subject, params.html(), Timestamp.from(now), Timestamp.from(now))
                .update();
        jdbc.sql("insert into preview_devices (preview_id, device_key, status) "
                        + "select ?, k, 'PROCESSING' from unnest(?::text[]) as k")
                .params(id, devices.stream().map(DeviceCatalogue.Device::key).toArray(String[]::new))
                .update();
        jobs.start(PreviewJob.KIND, id);
        Stored stored = new Stored(id, "PROCESSING", now, now);
        List<DeviceRow> rows = devices.stream().map(device -> new DeviceRow(device.key(), "PROCESSING", null))
                .toList();
        return new CreatePreviewResponse(id.toString(), stored.status(), views(stored, rows, base),
                metadata(stored, rows), false);
    }

    @Transactional(readOnly = true)
    public GetPreviewResponse get(UUID accountId, String previewId, String base) {
        Stored stored = owned(accountId, previewId);
        List<DeviceRow> rows = devices(stored.id());
        return new GetPreviewResponse(stored.id().toString(), stored.status(), views(stored, rows, base),
                metadata(stored, rows));
    }

    @Transactional(readOnly = true)
    public GetPreviewStatusResponse status(UUID accountId, String previewId) {
        Stored stored = owned(accountId, previewId);
        return new GetPreviewStatusResponse(stored.id().toString(), stored.status(),
                metadata(stored, devices(stored.id())));
    }

    @Transactional(readOnly = true)
    public GetDevicePreviewResponse device(UUID accountId, String previewId, String deviceKey, String base) {
        Stored stored = owned(accountId, previewId);
        DeviceRow row = devices(stored.id()).stream().filter(device -> device.key().equals(deviceKey)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Device"));
        return new GetDevicePreviewResponse(view(stored, row, base));
    }

    /** A PNG of a successful device; anything else (unknown image, device not rendered) is not found. */
    @Transactional(readOnly = true)
    public byte[] image(UUID accountId, String previewId, String deviceKey, String file) {
        Image image = Image.of(file).orElseThrow(() -> ApiException.notFound("Image"));
        Stored stored = owned(accountId, previewId);
        String column = image == Image.THUMBNAIL ? "thumbnail" : "screenshot";
        byte[] png = jdbc.sql("select " + column + " from preview_devices where preview_id = ? and device_key = ? "
                        + "and status = 'SUCCESSFUL'")
                .params(stored.id(), deviceKey).query(byte[].class).optional()
                .orElseThrow(() -> ApiException.notFound("Image"));
        if (image != Image.FULL_THUMBNAIL) {
            return png;
        }
        // Not stored: the screenshot at half size is cheap to draw again, and rarely asked for.
        return renderer.thumbnail(png, Math.max(1, DeviceCatalogue.describe(deviceKey).width() / 2));
    }

    public GetSupportedDevicesResponse supported() {
        Map<String, List<DeviceCatalogue.Device>> categories = DeviceCatalogue.byCategory();
        return new GetSupportedDevicesResponse(DeviceCatalogue.DEVICES.size(),
                new DeviceCategories(supported(categories.get("DESKTOP")), supported(categories.get("MOBILE")),
                        supported(categories.get("WEB")), supported(categories.get("MISC"))),
                supported(DeviceCatalogue.DEVICES));
    }

    private static List<SupportedDevice> supported(List<DeviceCatalogue.Device> devices) {
        return devices.stream().map(device -> new SupportedDevice(device.key(), device.name(), device.category(),
                device.client(), device.os(), device.width(), device.height())).toList();
    }

    private Stored owned(UUID accountId, String previewId) {
        return jdbc.sql("select id, status, created_at, updated_at from previews where id = ? and account_id = ?")
                .params(PathIds.uuid(previewId, "Preview"), accountId)
                .query((row, n) -> new Stored(row.getObject("id", UUID.class), row.getString("status"),
                        row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant()))
                .optional()
                .orElseThrow(() -> ApiException.notFound("Preview"));
    }

    private List<DeviceRow> devices(UUID previewId) {
        return jdbc.sql("select device_key, status, processing_time from preview_devices where preview_id = ? "
                        + "order by device_key")
                .params(previewId)
                .query((row, n) -> new DeviceRow(row.getString("device_key"), row.getString("status"),
                        row.getObject("processing_time", Integer.class)))
                .list();
    }

    private static List<PreviewDevice> views(Stored stored, List<DeviceRow> rows, String base) {
        return rows.stream().map(row -> view(stored, row, base)).toList();
    }

    private static PreviewDevice view(Stored stored, DeviceRow row, String base) {
        DeviceCatalogue.Device device = DeviceCatalogue.describe(row.key());
        boolean rendered = row.status().equals("SUCCESSFUL");
        String images = base + "/v1/emails/previews/" + stored.id() + "/devices/" + device.key() + "/";
        return new PreviewDevice(device.key(), device.name(), device.client(), device.os(), device.category(),
                row.status(), rendered ? images + Image.SCREENSHOT.file : null,
                rendered ? images + Image.THUMBNAIL.file : null, rendered ? images + Image.FULL_THUMBNAIL.file : null,
                row.processingTime());
    }

    private static PreviewMetadata metadata(Stored stored, List<DeviceRow> rows) {
        int completed = count(rows, "SUCCESSFUL");
        int failed = count(rows, "FAILED");
        int processing = count(rows, "PROCESSING");
        Long time = processing > 0 ? null : Duration.between(stored.createdAt(), stored.updatedAt()).toMillis();
        return new PreviewMetadata(rows.size(), completed, failed, processing, time);
    }

    private static int count(List<DeviceRow> rows, String status) {
        return (int) rows.stream().filter(row -> row.status().equals(status)).count();
    }
}
