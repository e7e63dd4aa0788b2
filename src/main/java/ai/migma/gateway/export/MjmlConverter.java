package ai.migma.gateway.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Converts an email's HTML into an MJML document by its structure, the way a person porting a table email to MJML
 * would: the layout tables are unwrapped, each content row becomes an {@code mj-section} with an {@code mj-column}
 * per cell, and the cells' contents become MJML components: headings, paragraphs and lists {@code mj-text}, images
 * {@code mj-image}, links styled as buttons {@code mj-button}, rules and bordered cells {@code mj-divider}, and what
 * has no MJML counterpart {@code mj-raw}. Inline styles stay on the HTML inside {@code mj-text}, so the copy looks
 * as generated; component attributes carry what MJML draws itself (button colours, padding, widths). The output is
 * well-formed XML: the HTML inside components is written as XHTML.
 */
final class MjmlConverter {

    private static final Set<String> TEXT_BLOCKS = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol",
            "blockquote", "pre", "dl", "address");
    private static final Set<String> CONTAINERS = Set.of("div", "center", "section", "article", "header",
            "footer", "main", "aside", "nav", "figure", "tbody", "span");
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "br", "cite", "code", "em", "font", "i",
            "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "u");
    private static final Set<String> DROPPED = Set.of("script", "noscript", "style", "meta", "link", "title",
            "template", "iframe", "object", "embed", "form");
    private static final Pattern DISALLOWED_XML_CHARS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");
    private static final Pattern LENGTH = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int DEFAULT_WIDTH = 600;

    private MjmlConverter() {
    }

    /** The MJML document of {@code html}; {@code title} and {@code preview} are the email's subject and preheader. */
    static String convert(String title, String preview, String html) {
        Document source = Jsoup.parse(DISALLOWED_XML_CHARS.matcher(html).replaceAll(""));
        source.outputSettings().syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false);
        removeComments(source);

        Mjml head = new Mjml("mj-head");
        String documentTitle = title != null && !title.isBlank() ? title : source.title();
        head.add(new Mjml("mj-title").text(documentTitle));
        String preheader = preview != null && !preview.isBlank() ? preview : hiddenText(source.body());
        if (!preheader.isBlank()) {
            head.add(new Mjml("mj-preview").text(preheader));
        }
        String css = String.join("\n", source.select("style").stream().map(Element::data).toList());
        if (!css.isBlank()) {
            // Raw CSS as mj-style wants it: only what XML forbids in text is escaped, so "a > b" stays as written.
            head.add(new Mjml("mj-style").markup(css.strip().replace("&", "&amp;").replace("<", "&lt;")));
        }

        Map<String, String> bodyStyle = style(source.body());
        Mjml body = new Mjml("mj-body").attr("background-color", background(source.body(), bodyStyle))
                .attr("width", contentWidth(source.body()) + "px");
        for (Mjml section : sections(source.body().childNodes(), null)) {
            body.add(section);
        }
        return new Mjml("mjml").add(head).add(body).xml();
    }

    /** Sections of a run of nodes: tables become their rows' sections, loose content one section of its own. */
    private static List<Mjml> sections(List<Node> nodes, String background) {
        List<Mjml> sections = new ArrayList<>();
        List<Node> loose = new ArrayList<>();
        for (Node node : nodes) {
            if (node instanceof Element element && !dropped(element)) {
                if (element.normalName().equals("table")) {
                    flush(sections, loose, background);
                    sections.addAll(rows(element, background));
                    continue;
                }
                if (CONTAINERS.contains(element.normalName()) && !element.select("table").isEmpty()) {
                    flush(sections, loose, background);
                    Map<String, String> style = style(element);
                    sections.addAll(sections(element.childNodes(), or(background(element, style), background)));
                    continue;
                }
            }
            loose.add(node);
        }
        flush(sections, loose, background);
        return sections;
    }

    private static void flush(List<Mjml> sections, List<Node> loose, String background) {
        Mjml column = new Mjml("mj-column");
        blocks(loose, column);
        loose.clear();
        if (!column.children().isEmpty()) {
            sections.add(new Mjml("mj-section").attr("background-color", background).attr("padding", "0px")
                    .add(column));
        }
    }

    /**
     * The sections of a table's rows. A row whose one cell holds nothing but another table is layout (the centring
     * wrapper, the 600-pixel card), so that table's rows are taken instead, with its background.
     */
    private static List<Mjml> rows(Element table, String inherited) {
        String background = or(background(table, style(table)), inherited);
        List<Mjml> sections = new ArrayList<>();
        for (Element row : rowsOf(table)) {
            List<Element> cells = row.children().stream()
                    .filter(cell -> cell.normalName().equals("td") || cell.normalName().equals("th")).toList();
            if (cells.isEmpty()) {
                continue;
            }
            if (cells.size() == 1) {
                Element inner = onlyTable(cells.get(0));
                if (inner != null && !isButtonTable(inner) && border(style(cells.get(0)), "top") == null
                        && border(style(cells.get(0)), "bottom") == null) {
                    sections.addAll(rows(inner, or(background(cells.get(0), style(cells.get(0))), background)));
                    continue;
                }
            }
            // A bordered row's border spans the email, as the HTML draws it: a divider section above or below.
            Map<String, String> only = cells.size() == 1 ? style(cells.get(0)) : Map.of();
            String top = border(only, "top");
            if (top != null) {
                sections.add(dividerSection(top, background));
            }
            Mjml section = new Mjml("mj-section").attr("background-color", background).attr("padding", "0px");
            for (Element cell : cells) {
                section.add(column(cell, cells.size()));
            }
            sections.add(section);
            String bottom = border(only, "bottom");
            if (bottom != null) {
                sections.add(dividerSection(bottom, background));
            }
        }
        return sections;
    }

    private static List<Element> rowsOf(Element table) {
        List<Element> rows = new ArrayList<>();
        for (Element child : table.children()) {
            switch (child.normalName()) {
                case "tr" -> rows.add(child);
                case "thead", "tbody", "tfoot" -> child.children().stream()
                        .filter(row -> row.normalName().equals("tr")).forEach(rows::add);
                default -> {
                    // captions, colgroups: not content rows
                }
            }
        }
        return rows;
    }

    /** The one table a cell holds and nothing else (no text, no other element), or null. */
    private static Element onlyTable(Element cell) {
        List<Element> kids = cell.children().stream().filter(kid -> !dropped(kid)).toList();
        boolean onlyWhitespace = cell.textNodes().stream().allMatch(TextNode::isBlank);
        return kids.size() == 1 && kids.get(0).normalName().equals("table") && onlyWhitespace ? kids.get(0) : null;
    }

    private static Mjml column(Element cell, int cellsInRow) {
        Map<String, String> style = style(cell);
        Mjml column = new Mjml("mj-column").attr("padding", padding(style))
                .attr("background-color", background(cell, style))
                .attr("vertical-align", verticalAlign(cell, style));
        if (cellsInRow > 1) {
            column.attr("width", width(cell.attr("width"), style.get("width")));
        }
        // A lone cell's borders are sections of their own (see rows); cells side by side keep theirs inside.
        String top = cellsInRow > 1 ? border(style, "top") : null;
        if (top != null) {
            column.add(divider(top));
        }
        blocks(cell.childNodes(), column);
        String bottom = cellsInRow > 1 ? border(style, "bottom") : null;
        if (bottom != null) {
            column.add(divider(bottom));
        }
        return column;
    }

    private static Mjml dividerSection(String border, String background) {
        return new Mjml("mj-section").attr("background-color", background).attr("padding", "0px")
                .add(new Mjml("mj-column").add(divider(border)));
    }

    /** The components of a cell's (or a loose run's) nodes, consecutive inline content gathered in one mj-text. */
    private static void blocks(List<Node> nodes, Mjml column) {
        List<Node> inline = new ArrayList<>();
        for (Node node : List.copyOf(nodes)) {
            if (node instanceof TextNode text) {
                if (!text.isBlank() || !inline.isEmpty()) {
                    inline.add(node);
                }
                continue;
            }
            if (!(node instanceof Element element) || dropped(element)) {
                continue;
            }
            String name = element.normalName();
            if (INLINE.contains(name) && !isButton(element) && !isImageOnly(element)
                    && element.select("table, img, p, div, h1, h2, h3, h4, h5, h6").isEmpty()) {
                inline.add(node);
                continue;
            }
            textOf(inline, column);
            block(element, column);
        }
        textOf(inline, column);
    }

    private static void block(Element element, Mjml column) {
        String name = element.normalName();
        if (name.equals("img")) {
            column.add(image(element, null));
        } else if (name.equals("a") && isImageOnly(element)) {
            column.add(image(element.selectFirst("img"), element.attr("href")));
        } else if (name.equals("a") && isButton(element)) {
            column.add(button(element));
        } else if (name.equals("hr")) {
            Map<String, String> style = style(element);
            column.add(divider(or(border(style, "top"), or(style.get("border"), "1px solid #cccccc"))));
        } else if (name.equals("table") && isButtonTable(element)) {
            column.add(button(element.selectFirst("a")));
        } else if (TEXT_BLOCKS.contains(name) && onlyChild(element, "img") != null) {
            column.add(image(onlyChild(element, "img"), null));
        } else if (TEXT_BLOCKS.contains(name) && onlyChild(element, "a") != null
                && isButton(onlyChild(element, "a"))) {
            column.add(button(onlyChild(element, "a")));
        } else if (TEXT_BLOCKS.contains(name)) {
            column.add(new Mjml("mj-text").attr("padding", "0px").markup(element.outerHtml()));
        } else if (CONTAINERS.contains(name) || INLINE.contains(name)) {
            blocks(element.childNodes(), column);
        } else {
            column.add(new Mjml("mj-raw").markup(element.outerHtml()));
        }
    }

    private static void textOf(List<Node> inline, Mjml column) {
        StringBuilder markup = new StringBuilder();
        inline.forEach(node -> markup.append(node.outerHtml()));
        inline.clear();
        if (!markup.toString().isBlank()) {
            column.add(new Mjml("mj-text").attr("padding", "0px").markup(markup.toString().strip()));
        }
    }

    private static Mjml image(Element img, String href) {
        Map<String, String> style = style(img);
        String width = img.attr("width").isBlank() ? style.get("width") : img.attr("width");
        Mjml image = new Mjml("mj-image").attr("src", img.attr("src")).attr("alt", img.attr("alt"))
                .attr("href", href);
        if (width != null && LENGTH.matcher(width.replace("px", "").strip()).matches()) {
            image.attr("width", width.replace("px", "").strip() + "px");
        }
        return image.attr("align", align(img)).attr("padding", "0px");
    }

    private static Mjml button(Element link) {
        Map<String, String> style = style(link);
        Element cell = link.closest("td");
        Map<String, String> cellStyle = cell == null ? Map.of() : style(cell);
        String background = or(background(link, style), cell == null ? null : background(cell, cellStyle));
        String radius = or(style.get("border-radius"), cellStyle.get("border-radius"));
        return new Mjml("mj-button").attr("href", link.attr("href")).attr("background-color", background)
                .attr("color", style.get("color")).attr("font-family", style.get("font-family"))
                .attr("font-size", style.get("font-size")).attr("font-weight", style.get("font-weight"))
                .attr("line-height", style.get("line-height")).attr("border-radius", radius)
                .attr("inner-padding", lengths(style.get("padding"))).attr("align", align(link))
                .attr("padding", "0px").text(link.text());
    }

    private static Mjml divider(String border) {
        String width = null;
        String borderStyle = null;
        String color = null;
        for (String part : border.strip().split("\\s+")) {
            String lower = part.toLowerCase(Locale.ROOT);
            if (Character.isDigit(lower.charAt(0))) {
                width = lengths(lower);
            } else if (Set.of("solid", "dashed", "dotted", "double").contains(lower)) {
                borderStyle = lower;
            } else {
                color = part;
            }
        }
        return new Mjml("mj-divider").attr("border-width", width).attr("border-style", borderStyle)
                .attr("border-color", color).attr("padding", "0px");
    }

    /**
     * A link drawn as a button: in a cell with a background colour (the bulletproof-button table), or an
     * inline-block with padding of its own. A link around an image is an image, not a button.
     */
    private static boolean isButton(Element element) {
        if (!element.normalName().equals("a") || isImageOnly(element) || element.text().isBlank()) {
            return false;
        }
        Map<String, String> style = style(element);
        boolean ownBox = style.getOrDefault("display", "").contains("inline-block") && style.containsKey("padding");
        Element cell = element.parent();
        boolean filledCell = cell != null && cell.normalName().equals("td") && background(cell, style(cell)) != null
                && cell.text().strip().equals(element.text().strip());
        return ownBox || filledCell || (background(element, style) != null && style.containsKey("padding"));
    }

    /** A table that only draws one button: one link, no images, no text besides the link's. */
    private static boolean isButtonTable(Element table) {
        List<Element> links = table.select("a");
        return links.size() == 1 && table.select("img, table table").isEmpty()
                && table.text().strip().equals(links.get(0).text().strip()) && isButton(links.get(0));
    }

    private static boolean isImageOnly(Element element) {
        return element.normalName().equals("a") && element.text().isBlank() && element.select("img").size() == 1
                && onlyChild(element, "img") != null;
    }

    /** The element's only element child when it is a {@code tag} and there is no text besides, else null. */
    private static Element onlyChild(Element element, String tag) {
        if (element.childrenSize() != 1 || !element.child(0).normalName().equals(tag)) {
            return null;
        }
        return element.textNodes().stream().allMatch(TextNode::isBlank) ? element.child(0) : null;
    }

    /** Hidden content (the preheader) is MJML's mj-preview, and the rest of the head is not content. */
    private static boolean dropped(Element element) {
        return DROPPED.contains(element.normalName()) || hidden(element);
    }

    private static boolean hidden(Element element) {
        return style(element).getOrDefault("display", "").startsWith("none") || element.hasAttr("hidden");
    }

    private static String hiddenText(Element body) {
        return body.getAllElements().stream().filter(MjmlConverter::hidden).map(Element::text)
                .filter(text -> !text.isBlank()).findFirst().orElse("");
    }

    private static void removeComments(Node node) {
        for (Node child : List.copyOf(node.childNodes())) {
            if (child instanceof Comment) {
                child.remove();
            } else {
                removeComments(child);
            }
        }
    }

    /** The width the email is laid out at: the first table of a plausible fixed width (the card). */
    private static int contentWidth(Element body) {
        for (Element table : body.select("table")) {
            String width = table.attr("width").isBlank() ? style(table).getOrDefault("width", "")
                    : table.attr("width");
            String digits = width.replace("px", "").strip();
            if (digits.matches("\\d{3}")) {
                int pixels = Integer.parseInt(digits);
                if (pixels >= 300 && pixels <= 900) {
                    return pixels;
                }
            }
        }
        return DEFAULT_WIDTH;
    }

    private static Map<String, String> style(Element element) {
        Map<String, String> style = new LinkedHashMap<>();
        for (String declaration : element.attr("style").split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                style.put(declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        declaration.substring(colon + 1).strip());
            }
        }
        return style;
    }

    private static String background(Element element, Map<String, String> style) {
        String color = or(style.get("background-color"), element.attr("bgcolor"));
        if (color == null && style.containsKey("background") && style.get("background").matches("#[0-9a-fA-F]{3,8}")) {
            color = style.get("background");
        }
        return color == null || color.isBlank() || color.equalsIgnoreCase("transparent") ? null : color;
    }

    /** A side's border as {@code width style colour}, or null when there is none (or it is zero). */
    private static String border(Map<String, String> style, String side) {
        String border = or(style.get("border-" + side), null);
        if (border == null || border.startsWith("0") || border.toLowerCase(Locale.ROOT).contains("none")) {
            return null;
        }
        return border;
    }

    private static String padding(Map<String, String> style) {
        String shorthand = lengths(style.get("padding"));
        if (shorthand != null) {
            return shorthand;
        }
        List<String> sides = new ArrayList<>();
        boolean any = false;
        for (String side : List.of("top", "right", "bottom", "left")) {
            String value = lengths(style.get("padding-" + side));
            any |= value != null;
            sides.add(value == null ? "0px" : value);
        }
        return any ? String.join(" ", sides) : "0px";
    }

    /** CSS lengths as MJML's validator wants them: every one with a unit, so {@code 0} is {@code 0px}. */
    private static String lengths(String css) {
        if (css == null || css.isBlank()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : css.strip().split("\\s+")) {
            parts.add(LENGTH.matcher(part).matches() ? part + "px" : part);
        }
        return String.join(" ", parts);
    }

    private static String width(String attribute, String css) {
        String width = attribute == null || attribute.isBlank() ? css : attribute;
        if (width == null || width.isBlank()) {
            return null;
        }
        return LENGTH.matcher(width.strip()).matches() ? width.strip() + "px" : width.strip();
    }

    private static String verticalAlign(Element cell, Map<String, String> style) {
        String value = or(style.get("vertical-align"), cell.attr("valign"));
        return value != null && Set.of("top", "middle", "bottom").contains(value.toLowerCase(Locale.ROOT))
                ? value.toLowerCase(Locale.ROOT) : null;
    }

    /** Left unless the element or the cell it sits in centres or right-aligns it (MJML would centre). */
    private static String align(Element element) {
        for (Element at = element; at != null && !at.normalName().equals("table"); at = at.parent()) {
            String value = or(at.attr("align"), style(at).get("text-align"));
            if (value != null && Set.of("left", "center", "right").contains(value.toLowerCase(Locale.ROOT))) {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        return "left";
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
