package ai.migma.gateway.validation;

import ai.migma.gateway.validation.Recommendations.Advice;
import ai.migma.gateway.validation.Recommendations.Priority;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Lists an email's links and judges each by its text alone. Nothing is fetched: the gateway never connects
 * anywhere on a client's behalf, so a link is {@code valid} when it is a well-formed absolute http(s) URL, not
 * because it answered; {@code unreachableLinks} is therefore always 0.
 */
@Component
final class LinkChecker {

    /**
     * Placeholders the sending platform fills in: {{x}}, {% x %}, *|X|* (Mailchimp), %%x%% and [[x]]. Bounded, so a
     * text of half a million unclosed {{ costs a linear scan rather than one to the end from each of them.
     */
    static final Pattern MERGE_TAG = Pattern.compile("\\{\\{[^{}]{0,200}}}|\\{%[^%]{0,200}%}|\\*\\|[^|]{0,200}\\|\\*"
            + "|%%[^%]{0,200}%%|\\[\\[[^\\[\\]]{0,200}]]");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> SKIPPED_SCHEMES = Set.of("mailto", "tel", "sms", "callto");
    private static final Set<String> REFUSED_SCHEMES = Set.of("javascript", "vbscript", "data", "file");
    private static final Set<String> GENERIC_TEXT = Set.of("click here", "here", "click", "read more", "more",
            "link", "this link", "this", "learn more", "go", "click this");
    static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd",
            "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc");

    /** The SDK's {@code CheckedLink} and what was read from the link: scheme, host, anchor text, element. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckedLink(String url, String status, String error, String reason, String scheme, String host,
            String anchorText, String element) {
    }

    public record Summary(int brokenLinks, int unreachableLinks, int averageResponseTime, int validLinks,
            int skippedLinks) {
    }

    public record Metadata(long processingTime, int linksChecked, int linksSkipped, boolean fetched) {
    }

    /** The SDK's {@code LinkAnalysisResponse}. */
    public record Report(int totalLinks, List<CheckedLink> checkedLinks, Summary summary,
            List<String> recommendations, Metadata metadata) {
    }

    /** The report without its processing time, and the advice with its tiers for {@code /validate/all}. */
    record Result(List<CheckedLink> links, List<Advice> advice) {

        int count(String status) {
            return (int) links.stream().filter(link -> link.status().equals(status)).count();
        }

        Report report(long processingTime) {
            int skipped = count("skipped");
            return new Report(links.size(), links, new Summary(count("invalid"), 0, 0, count("valid"), skipped),
                    advice.stream().map(Advice::text).toList(),
                    new Metadata(processingTime, links.size() - skipped, skipped, false));
        }
    }

    Result check(EmailHtml email) {
        List<CheckedLink> links = new ArrayList<>();
        for (Element element : email.document().select("a[href], area[href]")) {
            links.add(judge(element));
        }
        return new Result(links, advise(links));
    }

    private static CheckedLink judge(Element element) {
        String url = element.attr("href").strip();
        String text = element.tagName().equals("area") ? element.attr("alt").strip() : anchorText(element);
        String tag = element.tagName();
        if (url.isEmpty()) {
            return new CheckedLink(url, "invalid", "empty href", null, null, null, text, tag);
        }
        if (MERGE_TAG.matcher(url).find()) {
            return new CheckedLink(url, "skipped", null, "merge tag, filled in when the email is sent", null, null,
                    text, tag);
        }
        if (url.startsWith("#")) {
            return new CheckedLink(url, "skipped", null, "in-page anchor", null, null, text, tag);
        }
        var scheme = SCHEME.matcher(url);
        if (!scheme.matches()) {
            return new CheckedLink(url, "invalid", "relative URL: an email has no page to resolve it against",
                    null, null, null, text, tag);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (SKIPPED_SCHEMES.contains(name)) {
            return new CheckedLink(url, "skipped", null, name + ": link, opened by another application", name, null,
                    text, tag);
        }
        if (REFUSED_SCHEMES.contains(name)) {
            return new CheckedLink(url, "invalid", name + ": links are removed or blocked by email clients", null,
                    name, null, text, tag);
        }
        if (!name.equals("http") && !name.equals("https")) {
            return new CheckedLink(url, "skipped", null, "not a web link", name, null, text, tag);
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            if (host == null || !(HOST.matcher(host).matches() || IPV4.matcher(host).matches())) {
                return new CheckedLink(url, "invalid", "no valid host name", null, name, host, text, tag);
            }
            return new CheckedLink(url, "valid", null, null, name, host, text, tag);
        } catch (URISyntaxException e) {
            return new CheckedLink(url, "invalid", "malformed URL: " + e.getReason(), null, name, null, text, tag);
        }
    }

    /** The link's text, or the alt text of the images it wraps, which is what a screen reader says for it. */
    private static String anchorText(Element link) {
        String text = link.text().strip();
        if (!text.isEmpty()) {
            return text;
        }
        return String.join(" ", link.select("img[alt]").eachAttr("alt")).strip();
    }

    private static List<Advice> advise(List<CheckedLink> links) {
        List<Advice> advice = new ArrayList<>();
        List<String> invalid = links.stream().filter(l -> l.status().equals("invalid")).map(CheckedLink::url)
                .toList();
        if (!invalid.isEmpty()) {
            advice.add(new Advice(Priority.CRITICAL, "Fix " + plural(invalid.size(), "invalid link") + ": "
                    + sample(invalid)));
        }
        List<String> plain = links.stream().filter(l -> "http".equals(l.scheme()) && l.status().equals("valid"))
                .map(CheckedLink::url).toList();
        if (!plain.isEmpty()) {
            advice.add(new Advice(Priority.IMPORTANT, "Use https for " + plural(plain.size(), "link") + ": "
                    + sample(plain)));
        }
        List<String> shortened = links.stream().filter(l -> l.host() != null && SHORTENERS.contains(l.host()))
                .map(CheckedLink::url).toList();
        if (!shortened.isEmpty()) {
            advice.add(new Advice(Priority.IMPORTANT, "Link to the destination itself rather than through a URL "
                    + "shortener, which spam filters distrust: " + sample(shortened)));
        }
        List<String> numeric = links.stream().filter(l -> l.host() != null && IPV4.matcher(l.host()).matches())
                .map(CheckedLink::url).toList();
        if (!numeric.isEmpty()) {
            advice.add(new Advice(Priority.IMPORTANT, "Link to a domain name rather than an IP address: "
                    + sample(numeric)));
        }
        List<String> generic = links.stream()
                .map(l -> l.anchorText().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L} ]", "").strip())
                .filter(GENERIC_TEXT::contains).distinct().toList();
        if (!generic.isEmpty()) {
            advice.add(new Advice(Priority.SUGGESTED, "Describe where a link goes instead of \""
                    + String.join("\", \"", generic) + "\"; screen readers list links by their text"));
        }
        long unnamed = links.stream().filter(l -> l.anchorText().isEmpty()).count();
        if (unnamed > 0) {
            advice.add(new Advice(Priority.SUGGESTED, "Give " + plural((int) unnamed, "link")
                    + " visible text, or alt text on the image they wrap"));
        }
        return advice;
    }

    /** A few examples, enough to find the rest. */
    private static String sample(List<String> urls) {
        List<String> distinct = urls.stream().distinct().toList();
        String shown = String.join(", ", distinct.subList(0, Math.min(3, distinct.size())));
        return distinct.size() > 3 ? shown + " and " + (distinct.size() - 3) + " more" : shown;
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
