package ai.migma.gateway.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The six formats Migma exports to, as {@code GET /v1/export/formats} lists them (the SDK's {@code ExportFormat}). */
enum ExportFormat {
    HTML("html", "The email's HTML as generated, one file", List.of("html"), "simple"),
    MJML("mjml", "An MJML document converted from the email's structure: sections, columns, text, images, "
            + "buttons and dividers, to edit and compile with MJML", List.of("mjml"), "complex"),
    PDF("pdf", "A PDF of the email laid out on A4 pages; remote images are left out", List.of("pdf"), "simple"),
    MAILCHIMP("mailchimp", "A zip with index.html for Mailchimp's \"Import zip\" template upload, merge tags "
            + "written as Mailchimp's (*|UNSUB|*, *|FNAME|*)", List.of("zip"), "complex"),
    KLAVIYO("klaviyo", "HTML with Klaviyo's template tags; with klaviyoType hybrid or code also the JSON body of "
            + "Klaviyo's Create Template API", List.of("html", "json"), "complex"),
    HUBSPOT("hubspot", "A HubSpot coded email template: the HTML with HubSpot's template annotation and HubL tags",
            List.of("html"), "complex");

    /** The SDK's {@code ExportFormat}. */
    record View(String name, String description, List<String> supportedFormats, String type) {
    }

    /** The SDK's {@code ExportFormatsResponse}. */
    record Listing(List<View> formats, int total) {
    }

    static final List<String> NAMES = Arrays.stream(values()).map(ExportFormat::formatName).toList();

    private final String formatName;
    private final String description;
    private final List<String> supportedFormats;
    private final String type;

    ExportFormat(String formatName, String description, List<String> supportedFormats, String type) {
        this.formatName = formatName;
        this.description = description;
        this.supportedFormats = supportedFormats;
        this.type = type;
    }

    String formatName() {
        return formatName;
    }

    View view() {
        return new View(formatName, description, supportedFormats, type);
    }

    static Listing listing() {
        List<View> views = Arrays.stream(values()).map(ExportFormat::view).toList();
        return new Listing(views, views.size());
    }

    static Optional<ExportFormat> named(String name) {
        return Arrays.stream(values()).filter(format -> format.formatName.equals(name)).findFirst();
    }
}
