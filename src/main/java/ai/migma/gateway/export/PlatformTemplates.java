package ai.migma.gateway.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/** The email's HTML packaged as each email platform imports a template. */
final class PlatformTemplates {

    /** Zip entries carry this time, so the same email always zips to the same bytes. */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
    /** The sender's postal address HubSpot requires in every marketing email, from the account's settings. */
    private static final String HUBSPOT_FOOTER = "<p style=\"margin:0;padding:16px;text-align:center;"
            + "font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;color:#6b7280;\">"
            + "{{ site_settings.company_name }}, {{ site_settings.company_street_address_1 }}, "
            + "{{ site_settings.company_city }}, {{ site_settings.company_state }} {{ site_settings.company_zip }}, "
            + "{{ site_settings.company_country }}%s</p>\n";

    private PlatformTemplates() {
    }

    /**
     * Mailchimp's "Import zip" upload: {@code index.html} at the root of the archive (images would sit beside it;
     * the email's are remote, so there are none), with Mailchimp's merge tags.
     */
    static byte[] mailchimpZip(String html) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            ZipEntry entry = new ZipEntry("index.html");
            entry.setTimeLocal(ZIP_TIME);
            zip.putNextEntry(entry);
            zip.write(MergeTags.rewrite(html, MergeTags.Platform.MAILCHIMP).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String klaviyoHtml(String html) {
        return MergeTags.rewrite(html, MergeTags.Platform.KLAVIYO);
    }

    /** The body of Klaviyo's Create Template API ({@code POST /api/templates}), which makes CODE templates only. */
    static byte[] klaviyoCreateTemplate(JsonMapper json, String name, String klaviyoHtml) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("editor_type", "CODE");
        attributes.put("html", klaviyoHtml);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "template");
        data.put("attributes", attributes);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("data", data));
    }

    /**
     * A HubSpot coded email template: the template annotation HubSpot reads from the top of the file, HubL for the
     * merge tags, and the footer HubSpot requires (the sender's address, and an unsubscribe link when the email
     * has none). {@code instructions}, the caller's customInstructions, are kept in a comment for whoever edits
     * the template: nothing here interprets them.
     */
    static String hubspot(String label, String html, String instructions) {
        StringBuilder out = new StringBuilder(html.length() + 1024);
        out.append("<!--\n  templateType: email\n  isAvailableForNewContent: true\n  label: ")
                .append(commentSafe(label.replaceAll("\\s+", " ").strip())).append("\n-->\n");
        if (instructions != null && !instructions.isBlank()) {
            out.append("<!-- Custom instructions given with this export: ").append(commentSafe(instructions.strip()))
                    .append(" -->\n");
        }
        String footer = HUBSPOT_FOOTER.formatted(MergeTags.hasUnsubscribe(html) ? ""
                : " · <a href=\"{{ unsubscribe_link }}\" style=\"color:#6b7280;\">Unsubscribe</a>");
        String body = MergeTags.rewrite(html, MergeTags.Platform.HUBSPOT);
        Matcher end = BODY_END.matcher(body);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        if (at < 0) {
            out.append(body).append('\n').append(footer);
        } else {
            out.append(body, 0, at).append(footer).append(body, at, body.length());
        }
        return out.toString();
    }

    /** Text that cannot end the comment it is put in: no {@code --} (which {@code -->} and {@code --!>} need). */
    static String commentSafe(String text) {
        String safe = text;
        while (safe.contains("--")) {
            safe = safe.replace("--", "- -");
        }
        return safe.endsWith("-") ? safe + " " : safe;
    }
}
