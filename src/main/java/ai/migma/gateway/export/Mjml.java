package ai.migma.gateway.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MJML element as the converter builds it: attributes in the order given, then either child elements or, for
 * MJML's "ending tags" (mj-text, mj-button, mj-raw, ...), content that is already well-formed XML markup.
 */
final class Mjml {

    private final String tag;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Mjml> children = new ArrayList<>();
    private String content;

    Mjml(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    List<Mjml> children() {
        return children;
    }

    /** Sets {@code name} unless {@code value} is null or blank, so absent styles leave MJML's defaults. */
    Mjml attr(String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value.strip());
        }
        return this;
    }

    Mjml add(Mjml child) {
        children.add(child);
        return this;
    }

    Mjml markup(String xml) {
        this.content = xml;
        return this;
    }

    Mjml text(String text) {
        return markup(escape(text, false));
    }

    String xml() {
        StringBuilder out = new StringBuilder(8192);
        write(out, 0);
        return out.toString();
    }

    private void write(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append('<').append(tag);
        attributes.forEach((name, value) -> out.append(' ').append(name).append("=\"").append(escape(value, true))
                .append('"'));
        if (content != null) {
            out.append('>').append(content).append("</").append(tag).append(">\n");
        } else if (children.isEmpty()) {
            out.append(" />\n");
        } else {
            out.append(">\n");
            children.forEach(child -> child.write(out, depth + 1));
            out.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
        }
    }

    static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> {
                    // Characters XML 1.0 forbids outright (other controls) are dropped rather than escaped.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
