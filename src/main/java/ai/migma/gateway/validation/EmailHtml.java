package ai.migma.gateway.validation;

import ai.migma.gateway.web.ApiException;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * An email's HTML, parsed once and shared by every check of a request. jsoup parses as a browser would, so
 * broken markup is repaired rather than refused: an email client does the same with it.
 */
record EmailHtml(String html, Document document, int sizeBytes, String visibleText) {

    /**
     * Well above any real email (Gmail clips at 102 KB) and below the 1 MB body limit, so an oversized HTML is a 400
     * that names the field rather than a 413 for the whole body.
     */
    static final int MAX_CHARACTERS = 512 * 1024;

    static EmailHtml parse(String html) {
        if (html == null || html.isBlank()) {
            throw ApiException.invalid("html is required");
        }
        if (html.length() > MAX_CHARACTERS) {
            throw ApiException.invalid("html must be at most " + MAX_CHARACTERS + " characters");
        }
        Document document = Jsoup.parse(html);
        // What a reader sees: the body's text, laid out as inline and block elements are, without scripts or styles.
        return new EmailHtml(html, document, html.getBytes(StandardCharsets.UTF_8).length, document.body().text());
    }
}
