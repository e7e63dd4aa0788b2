package ai.migma.gateway.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Finds which of the support table's features an email uses, and how often: CSS declarations in {@code style}
 * attributes and {@code <style>} elements, at-rules and {@code :hover} in style sheets, and elements. It reads CSS
 * with patterns rather than a parser: email CSS is flat, and a missed oddity costs one finding, not a failure.
 */
final class CssFeatures {

    private static final Pattern BLOCK = Pattern.compile("\\{([^{}]*)}");

    private record Rule(String feature, BiPredicate<String, String> matches) {
    }

    /** Declaration rules: property and value, both lower-cased, value without {@code !important}. */
    private static final List<Rule> DECLARATIONS = List.of(
            new Rule("css-display-flex", (p, v) -> p.equals("display") && v.matches("(inline-)?flex")),
            new Rule("css-display-grid", (p, v) -> p.equals("display") && v.matches("(inline-)?grid")),
            new Rule("css-position", (p, v) -> p.equals("position") && !v.equals("static")),
            new Rule("css-background-image", (p, v) -> (p.equals("background-image") || p.equals("background"))
                    && v.contains("url(")),
            new Rule("css-background-size", (p, v) -> p.equals("background-size")),
            new Rule("css-linear-gradient", (p, v) -> v.contains("linear-gradient(")),
            new Rule("css-border-radius", (p, v) -> p.matches("border(-(top|bottom)-(left|right))?-radius")),
            new Rule("css-box-shadow", (p, v) -> p.equals("box-shadow") && !v.equals("none")),
            new Rule("css-max-width", (p, v) -> p.equals("max-width")),
            new Rule("css-margin", (p, v) -> p.matches("margin(-(top|right|bottom|left))?")),
            new Rule("css-float", (p, v) -> p.equals("float") && !v.equals("none")),
            new Rule("css-opacity", (p, v) -> p.equals("opacity")),
            new Rule("css-transform", (p, v) -> p.equals("transform") && !v.equals("none")),
            new Rule("css-animation", (p, v) -> p.startsWith("animation")),
            new Rule("css-unit-calc", (p, v) -> v.contains("calc(")),
            new Rule("css-variables", (p, v) -> p.startsWith("--") || v.contains("var(--")),
            new Rule("css-gap", (p, v) -> p.matches("(grid-)?(row-|column-)?gap")),
            new Rule("css-object-fit", (p, v) -> p.equals("object-fit")));

    /** Style sheet patterns, counted in the text of every {@code <style>} element. */
    private static final Map<String, Pattern> SHEET = Map.of(
            "css-at-media", Pattern.compile("@media\\b", Pattern.CASE_INSENSITIVE),
            "css-at-media-prefers-color-scheme", Pattern.compile("prefers-color-scheme", Pattern.CASE_INSENSITIVE),
            "css-at-font-face", Pattern.compile("@font-face\\b", Pattern.CASE_INSENSITIVE),
            "css-at-import", Pattern.compile("@import\\b", Pattern.CASE_INSENSITIVE),
            "css-animation", Pattern.compile("@(-webkit-)?keyframes\\b", Pattern.CASE_INSENSITIVE),
            "css-pseudo-class-hover", Pattern.compile(":hover\\b", Pattern.CASE_INSENSITIVE));

    private static final Map<String, String> ELEMENTS = Map.of("html-style", "style", "html-video", "video",
            "html-audio", "audio", "html-form", "form", "html-svg", "svg", "html-script", "script",
            "html-iframe", "iframe", "image-webp", "img[src~=(?i)\\.webp([?#].*)?$]");

    private CssFeatures() {
    }

    /** Feature id to the number of times it is used; features not used are absent. */
    static Map<String, Integer> used(EmailHtml email) {
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Element styled : email.document().select("[style]")) {
            declarations(styled.attr("style"), used);
        }
        for (Element style : email.document().select("style")) {
            String sheet = withoutComments(style.data());
            SHEET.forEach((feature, pattern) -> {
                Matcher m = pattern.matcher(sheet);
                while (m.find()) {
                    used.merge(feature, 1, Integer::sum);
                }
            });
            Matcher block = BLOCK.matcher(sheet);
            while (block.find()) {
                declarations(block.group(1), used);
            }
        }
        ELEMENTS.forEach((feature, query) -> {
            int n = email.document().select(query).size();
            if (n > 0) {
                used.merge(feature, n, Integer::sum);
            }
        });
        return used;
    }

    /** Comments removed by one pass: a pattern would scan to the end from every unclosed {@code /*}. */
    private static String withoutComments(String css) {
        StringBuilder kept = new StringBuilder(css.length());
        int from = 0;
        for (int open = css.indexOf("/*"); open >= 0; open = css.indexOf("/*", from)) {
            kept.append(css, from, open).append(' ');
            int close = css.indexOf("*/", open + 2);
            from = close < 0 ? css.length() : close + 2;
        }
        return kept.append(css, Math.min(from, css.length()), css.length()).toString();
    }

    private static String withoutImportant(String value) {
        int bang = value.lastIndexOf('!');
        return bang >= 0 && value.substring(bang + 1).strip().equals("important") ? value.substring(0, bang).strip()
                : value;
    }

    private static void declarations(String css, Map<String, Integer> used) {
        for (String declaration : css.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = withoutImportant(declaration.substring(colon + 1).strip().toLowerCase(Locale.ROOT));
            for (Rule rule : DECLARATIONS) {
                if (rule.matches().test(property, value)) {
                    used.merge(rule.feature(), 1, Integer::sum);
                }
            }
        }
    }
}
