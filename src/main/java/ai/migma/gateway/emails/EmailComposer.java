package ai.migma.gateway.emails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Writes the email Migma's AI would: here, deterministically from the prompt and the project, so the same request
 * gives the same email. The result is a complete, table-based HTML email with inline styles (what email clients
 * render), carrying the project's name, logo, link and colour, the prompt's sentences as its copy, and an
 * unsubscribe link as a merge tag. No AI and no network are involved; docs/EMULATION.md says so.
 */
final class EmailComposer {

    /** What an email is written from. {@code logoUrl}, {@code domain} and each image may be absent. */
    record Brief(String projectName, String domain, String logoUrl, String prompt, List<String> imageUrls,
            List<String> languages) {
    }

    /** The SDK's {@code EmailGenerationResult.stats}. */
    record Stats(int imageCount, int buttonCount, String estimatedLength, List<String> colors) {
    }

    record Email(String subject, String previewText, String html, Stats stats) {
    }

    /** Accent colours, one chosen per project by a hash of its name. */
    private static final List<String> ACCENTS = List.of("#4f46e5", "#0e7490", "#be123c", "#15803d", "#b45309",
            "#7c3aed", "#1d4ed8", "#c2410c");
    private static final String TEXT = "#1f2937";
    private static final String BACKGROUND = "#f3f4f6";
    private static final String CARD = "#ffffff";
    private static final Pattern INSTRUCTION = Pattern.compile(
            "^(?:please\\s+)?(?:create|write|generate|make|design|draft|build|compose|prepare)\\s+(?:me\\s+)?"
                    + "(?:an?\\s+|the\\s+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private EmailComposer() {
    }

    static Email compose(Brief brief) {
        List<String> sentences = sentences(brief.prompt());
        String topic = capitalize(INSTRUCTION.matcher(sentences.get(0)).replaceFirst(""));
        String subject = shorten(topic.replaceAll("[.!?]+$", ""), 78);
        String previewText = shorten(brief.projectName() + " · " + String.join(" ", sentences), 140);
        String accent = accent(brief.projectName());
        boolean hasLink = brief.domain() != null && !brief.domain().isBlank();
        String link = hasLink ? "https://" + brief.domain() : null;

        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(esc(language(brief.languages()))).append("\">\n")
                .append("<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>").append(esc(subject)).append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:0;background-color:").append(BACKGROUND).append(";\">\n")
                // The preheader: what inboxes show after the subject, hidden in the body.
                .append("<div style=\"display:none;max-height:0;overflow:hidden;\">").append(esc(previewText))
                .append("</div>\n")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" ")
                .append("border=\"0\" style=\"background-color:").append(BACKGROUND).append(";\">\n<tr>\n")
                .append("<td align=\"center\" style=\"padding:24px 12px;\">\n")
                // 600 wide where clients honour only the attribute (Outlook), the screen's width below that.
                .append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
                .append("style=\"width:100%;max-width:600px;margin:0 auto;text-align:left;")
                .append("background-color:").append(CARD).append(";\">\n");
        int images = 0;
        html.append("<tr>\n<td style=\"padding:24px 32px;border-top:4px solid ").append(accent).append(";\">\n");
        if (brief.logoUrl() != null) {
            html.append("<img src=\"").append(esc(brief.logoUrl())).append("\" alt=\"")
                    .append(esc(brief.projectName())).append("\" width=\"140\" style=\"display:block;border:0;\" />\n");
            images++;
        } else {
            html.append("<p style=\"margin:0;font-family:Helvetica,Arial,sans-serif;font-size:20px;")
                    .append("font-weight:bold;color:").append(accent).append(";\">").append(esc(brief.projectName()))
                    .append("</p>\n");
        }
        html.append("</td>\n</tr>\n<tr>\n<td style=\"padding:8px 32px 0 32px;\">\n")
                .append("<h1 style=\"margin:0 0 16px 0;font-family:Helvetica,Arial,sans-serif;font-size:26px;")
                .append("line-height:32px;color:").append(TEXT).append(";\">").append(esc(subject)).append("</h1>\n");
        // The first sentence is the headline; the rest is the copy.
        List<String> copy = sentences.size() > 1 ? sentences.subList(1, sentences.size())
                : List.of("A note from the " + brief.projectName() + " team.");
        for (String sentence : copy) {
            html.append("<p style=\"margin:0 0 14px 0;font-family:Helvetica,Arial,sans-serif;font-size:16px;")
                    .append("line-height:24px;color:").append(TEXT).append(";\">").append(esc(sentence))
                    .append("</p>\n");
        }
        for (String image : brief.imageUrls()) {
            html.append("<img src=\"").append(esc(image)).append("\" alt=\"\" width=\"536\" ")
                    .append("style=\"display:block;width:100%;max-width:536px;border:0;margin:8px 0 16px 0;\" />\n");
            images++;
        }
        html.append("</td>\n</tr>\n");
        if (hasLink) {
            html.append("<tr>\n<td style=\"padding:8px 32px 24px 32px;\">\n")
                    .append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n<tr>\n")
                    .append("<td style=\"background-color:").append(accent).append(";border-radius:6px;\">\n")
                    .append("<a href=\"").append(esc(link)).append("\" style=\"display:inline-block;padding:12px 24px;")
                    .append("font-family:Helvetica,Arial,sans-serif;font-size:16px;font-weight:bold;color:#ffffff;")
                    .append("text-decoration:none;\">Visit ").append(esc(brief.projectName())).append("</a>\n")
                    .append("</td>\n</tr>\n</table>\n</td>\n</tr>\n");
        }
        html.append("<tr>\n<td style=\"padding:16px 32px 24px 32px;border-top:1px solid #e5e7eb;\">\n")
                .append("<p style=\"margin:0;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;")
                .append("color:#6b7280;\">You receive this email because you subscribed to ")
                .append(esc(brief.projectName())).append(". ")
                .append("<a href=\"{{unsubscribe_url}}\" style=\"color:#6b7280;\">Unsubscribe</a></p>\n")
                .append("</td>\n</tr>\n</table>\n</td>\n</tr>\n</table>\n</body>\n</html>\n");

        int words = brief.prompt().strip().split("\\s+").length + 12;
        String length = words < 100 ? "short" : words < 300 ? "medium" : "long";
        return new Email(subject, previewText, html.toString(),
                new Stats(images, hasLink ? 1 : 0, length, List.of(accent, CARD, TEXT, BACKGROUND)));
    }

    private static List<String> sentences(String prompt) {
        List<String> sentences = new ArrayList<>();
        for (String line : prompt.strip().split("\\R+")) {
            for (String sentence : SENTENCE_END.split(line.strip())) {
                if (!sentence.isBlank()) {
                    sentences.add(capitalize(sentence.strip()));
                }
            }
        }
        return sentences;
    }

    private static String language(List<String> languages) {
        return languages.isEmpty() ? "en" : languages.get(0);
    }

    private static String accent(String projectName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    projectName.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return ACCENTS.get(Byte.toUnsignedInt(hash[0]) % ACCENTS.size());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }

    private static String esc(String text) {
        return Entities.escape(text);
    }
}
