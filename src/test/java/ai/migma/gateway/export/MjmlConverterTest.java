package ai.migma.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

@UnitTest
class MjmlConverterTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String tag) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < document.getElementsByTagName(tag).getLength(); i++) {
            found.add((Element) document.getElementsByTagName(tag).item(i));
        }
        return found;
    }

    private static List<String> childTags(Element element) {
        List<String> tags = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                tags.add(e.getTagName());
            }
        }
        return tags;
    }

    @Test
    void turnsTheGeneratedEmailIntoWellFormedMjmlWithItsHeadlineButtonAndUnsubscribeLink() throws Exception {
        String mjml = MjmlConverter.convert(SampleEmail.SUBJECT, SampleEmail.PREVIEW, SampleEmail.HTML);

        Document document = parse(mjml);
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("mjml");
        assertThat(childTags(root)).containsExactly("mj-head", "mj-body");
        assertThat(elements(document, "mj-title").get(0).getTextContent()).isEqualTo(SampleEmail.SUBJECT);
        assertThat(elements(document, "mj-preview").get(0).getTextContent()).isEqualTo(SampleEmail.PREVIEW);

        Element body = elements(document, "mj-body").get(0);
        assertThat(body.getAttribute("width")).isEqualTo("600px");
        assertThat(body.getAttribute("background-color")).isEqualTo("#f3f4f6");
        // The four content rows of the 600-pixel card on its white, the accent line above the first and the rule
        // above the footer as full-width dividers of their own.
        List<Element> sections = elements(document, "mj-section");
        assertThat(sections).hasSize(6);
        assertThat(sections).allSatisfy(s -> assertThat(s.getAttribute("background-color")).isEqualTo("#ffffff"));
        assertThat(sections).allSatisfy(s -> assertThat(childTags(s)).containsExactly("mj-column"));
        List<List<String>> contents = sections.stream()
                .map(s -> childTags((Element) s.getElementsByTagName("mj-column").item(0))).toList();
        assertThat(contents).containsExactly(List.of("mj-divider"), List.of("mj-image"), List.of("mj-text", "mj-text"),
                List.of("mj-button"), List.of("mj-divider"), List.of("mj-text"));

        Element accent = elements(document, "mj-divider").get(0);
        assertThat(accent.getAttribute("border-width")).isEqualTo("4px");
        assertThat(accent.getAttribute("border-color")).isEqualTo("#be123c");
        assertThat(accent.getAttribute("padding")).isEqualTo("0px");
        Element header = (Element) sections.get(1).getElementsByTagName("mj-column").item(0);
        Element logo = (Element) header.getElementsByTagName("mj-image").item(0);
        assertThat(logo.getAttribute("src")).isEqualTo("https://shop.example/logo.png");
        assertThat(logo.getAttribute("width")).isEqualTo("140px");
        assertThat(header.getAttribute("padding")).isEqualTo("24px 32px");
        assertThat(elements(document, "mj-divider").get(1).getAttribute("border-color")).isEqualTo("#e5e7eb");

        Element copy = (Element) sections.get(2).getElementsByTagName("mj-column").item(0);
        assertThat(copy.getAttribute("padding")).isEqualTo("8px 32px 0px 32px");
        Element headline = (Element) elements(document, "mj-text").get(0).getElementsByTagName("h1").item(0);
        assertThat(headline.getTextContent()).isEqualTo("Announce our spring sale");
        assertThat(elements(document, "mj-text").get(1).getTextContent()).contains("20% off & more");

        Element button = elements(document, "mj-button").get(0);
        assertThat(button.getTextContent()).isEqualTo("Visit Shop");
        assertThat(button.getAttribute("href")).isEqualTo("https://shop.example");
        assertThat(button.getAttribute("background-color")).isEqualTo("#be123c");
        assertThat(button.getAttribute("color")).isEqualTo("#ffffff");
        assertThat(button.getAttribute("border-radius")).isEqualTo("6px");
        assertThat(button.getAttribute("inner-padding")).isEqualTo("12px 24px");
        assertThat(button.getAttribute("align")).isEqualTo("left");

        Element footer = (Element) sections.get(5).getElementsByTagName("mj-column").item(0);
        Element unsubscribe = (Element) footer.getElementsByTagName("a").item(0);
        assertThat(unsubscribe.getAttribute("href")).isEqualTo("{{unsubscribe_url}}");
        assertThat(unsubscribe.getTextContent()).isEqualTo("Unsubscribe");
        // The preheader is the preview, not body content.
        assertThat(body.getTextContent()).doesNotContain("Everything is 20% off until Sunday");
        assertThat(elements(document, "mj-raw")).isEmpty();
    }

    @Test
    void convertsTheSameEmailToTheSameDocument() {
        assertThat(MjmlConverter.convert("A", "B", SampleEmail.HTML))
                .isEqualTo(MjmlConverter.convert("A", "B", SampleEmail.HTML));
    }

    @Test
    void writesLooseHtmlAsOneSectionAndKeepsWhatHasNoMjmlCounterpartAsRaw() throws Exception {
        String html = "<html><head><title>Plain</title><style>td > p { color: red; }</style></head><body>"
                + "<h2>Hello &amp; welcome</h2><p>Line<br>break</p><hr style=\"border-top:2px dashed #333\">"
                + "<a href=\"https://x.example\"><img src=\"https://x.example/a.png\" alt=\"A\"></a>"
                + "<a href=\"https://x.example/buy\" style=\"display:inline-block;padding:10px 20px;"
                + "background-color:#000;color:#fff\">Buy</a>"
                + "<video src=\"v.mp4\" controls></video><!-- a comment -- with dashes --></body></html>";

        String mjml = MjmlConverter.convert("", null, html);

        Document document = parse(mjml);
        assertThat(elements(document, "mj-title").get(0).getTextContent()).isEqualTo("Plain");
        assertThat(elements(document, "mj-preview")).isEmpty();
        assertThat(elements(document, "mj-style").get(0).getTextContent()).isEqualTo("td > p { color: red; }");
        assertThat(elements(document, "mj-section")).hasSize(1);
        Element column = elements(document, "mj-column").get(0);
        assertThat(childTags(column)).containsExactly("mj-text", "mj-text", "mj-divider", "mj-image", "mj-button",
                "mj-raw");
        assertThat(elements(document, "mj-divider").get(0).getAttribute("border-style")).isEqualTo("dashed");
        assertThat(elements(document, "mj-image").get(0).getAttribute("href")).isEqualTo("https://x.example");
        assertThat(elements(document, "mj-button").get(0).getAttribute("background-color")).isEqualTo("#000");
        assertThat(elements(document, "mj-raw").get(0).getElementsByTagName("video").getLength()).isEqualTo(1);
        assertThat(mjml).doesNotContain("comment");
    }

    @Test
    void givesEachCellOfARowItsOwnColumn() throws Exception {
        String html = "<table width=\"640\"><tr><td width=\"50%\"><p>Left</p></td>"
                + "<td width=\"50%\" bgcolor=\"#eeeeee\"><p>Right</p></td></tr></table>";

        Document document = parse(MjmlConverter.convert("Two", null, html));

        assertThat(elements(document, "mj-body").get(0).getAttribute("width")).isEqualTo("640px");
        List<Element> columns = elements(document, "mj-column");
        assertThat(columns).hasSize(2);
        assertThat(columns.get(0).getAttribute("width")).isEqualTo("50%");
        assertThat(columns.get(1).getAttribute("background-color")).isEqualTo("#eeeeee");
        assertThat(columns.get(1).getTextContent().strip()).isEqualTo("Right");
    }
}
