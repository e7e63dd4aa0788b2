package ai.migma.gateway.export;

import ai.migma.gateway.emails.GeneratedEmails.GeneratedEmail;
import ai.migma.gateway.rendering.HtmlRenderer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Makes the files of one format from a completed email: pure functions of the email, no storage, no network. */
@Component
final class Exporter {

    /** A4 at CSS's 96 pixels an inch: the 600-pixel email and its margins fit across, and it prints. */
    static final int PAGE_WIDTH_PX = 794;
    static final int PAGE_HEIGHT_PX = 1123;
    private static final int MAX_NAME_LENGTH = 60;

    /** What a format is asked with besides the conversation: Klaviyo's template type, HubSpot's instructions. */
    record Options(String klaviyoType, String customInstructions) {

        static final Options NONE = new Options("html", null);
    }

    private final HtmlRenderer renderer;
    private final JsonMapper json;

    Exporter(HtmlRenderer renderer, JsonMapper json) {
        this.renderer = renderer;
        this.json = json;
    }

    List<ExportedFile> files(ExportFormat format, GeneratedEmail email, Options options) {
        String name = baseName(email.subject());
        String html = email.html();
        return switch (format) {
            case HTML -> List.of(text(name + ".html", "html", ExportedFile.HTML, html));
            case MJML -> List.of(text(name + ".mjml", "mjml", ExportedFile.MJML,
                    MjmlConverter.convert(email.subject(), email.previewText(), html)));
            case PDF -> List.of(new ExportedFile(name + ".pdf", "pdf", ExportedFile.PDF,
                    renderer.pdf(html, PAGE_WIDTH_PX, PAGE_HEIGHT_PX)));
            case MAILCHIMP -> List.of(new ExportedFile(name + ".zip", "zip", ExportedFile.ZIP,
                    PlatformTemplates.mailchimpZip(html)));
            case KLAVIYO -> {
                String klaviyo = PlatformTemplates.klaviyoHtml(html);
                ExportedFile page = text(name + ".html", "html", ExportedFile.HTML, klaviyo);
                yield options.klaviyoType().equals("html") ? List.of(page) : List.of(page,
                        new ExportedFile(name + ".json", "json", ExportedFile.JSON,
                                PlatformTemplates.klaviyoCreateTemplate(json, email.subject(), klaviyo)));
            }
            case HUBSPOT -> List.of(text(name + ".html", "html", ExportedFile.HTML,
                    PlatformTemplates.hubspot(email.subject(), html, options.customInstructions())));
        };
    }

    /** The files' name: the subject as a URL- and file-system-safe slug, the same for every export of the email. */
    static String baseName(String subject) {
        String ascii = Normalizer.normalize(subject == null ? "" : subject, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_NAME_LENGTH) {
            slug = slug.substring(0, MAX_NAME_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "email" : slug;
    }

    private static ExportedFile text(String filename, String format, String contentType, String content) {
        return new ExportedFile(filename, format, contentType, content.getBytes(StandardCharsets.UTF_8));
    }
}
