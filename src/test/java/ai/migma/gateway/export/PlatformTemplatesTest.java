package ai.migma.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@UnitTest
class PlatformTemplatesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rewritesMigmasMergeTagsIntoEachPlatformsOwn() {
        String html = "<a href=\"{{unsubscribe_url}}\">x</a> {{firstName}} {{ first_name }} {{lastName}} "
                + "{{email}} {{favorite_color}}";

        assertThat(MergeTags.rewrite(html, MergeTags.Platform.MAILCHIMP)).isEqualTo(
                "<a href=\"*|UNSUB|*\">x</a> *|FNAME|* *|FNAME|* *|LNAME|* *|EMAIL|* *|FAVORITECO|*");
        assertThat(MergeTags.rewrite(html, MergeTags.Platform.KLAVIYO)).isEqualTo(
                "<a href=\"{% unsubscribe_url %}\">x</a> {{ first_name }} {{ first_name }} {{ last_name }} "
                        + "{{ email }} {{ person|lookup:'favorite_color' }}");
        assertThat(MergeTags.rewrite(html, MergeTags.Platform.HUBSPOT)).isEqualTo(
                "<a href=\"{{ unsubscribe_link }}\">x</a> {{ contact.firstname }} {{ contact.firstname }} "
                        + "{{ contact.lastname }} {{ contact.email }} {{ contact.favorite_color }}");
        assertThat(MergeTags.rewrite("no tags, {single} braces", MergeTags.Platform.MAILCHIMP))
                .isEqualTo("no tags, {single} braces");
    }

    @Test
    void zipsIndexHtmlWithMailchimpMergeTagsTheSameWayEveryTime() throws Exception {
        byte[] zip = PlatformTemplates.mailchimpZip(SampleEmail.HTML);

        List<String> names = new ArrayList<>();
        String index = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(names).containsExactly("index.html");
        assertThat(index).contains("href=\"*|UNSUB|*\"", "Hi *|FNAME|*,").doesNotContain("{{");
        assertThat(index).startsWith("<!DOCTYPE html>");
        assertThat(PlatformTemplates.mailchimpZip(SampleEmail.HTML)).isEqualTo(zip);
    }

    @Test
    void writesKlaviyosCreateTemplateBody() {
        String html = PlatformTemplates.klaviyoHtml(SampleEmail.HTML);
        JsonNode body = JSON.readTree(PlatformTemplates.klaviyoCreateTemplate(JSON, SampleEmail.SUBJECT, html));

        assertThat(body.propertyNames()).containsExactly("data");
        assertThat(body.at("/data/type").asString()).isEqualTo("template");
        assertThat(body.at("/data/attributes/name").asString()).isEqualTo(SampleEmail.SUBJECT);
        assertThat(body.at("/data/attributes/editor_type").asString()).isEqualTo("CODE");
        assertThat(body.at("/data/attributes/html").asString()).isEqualTo(html)
                .contains("{% unsubscribe_url %}", "{{ first_name }}");
    }

    @Test
    void annotatesTheHubspotTemplateAndAddsTheFooterHubspotRequires() {
        String template = PlatformTemplates.hubspot(SampleEmail.SUBJECT, SampleEmail.HTML,
                "Use the brand's tone --> <script>alert(1)</script>");

        assertThat(template).startsWith("<!--\n  templateType: email\n  isAvailableForNewContent: true\n"
                + "  label: Announce our spring sale\n-->\n");
        assertThat(template).contains("href=\"{{ unsubscribe_link }}\"", "Hi {{ contact.firstname }},",
                "{{ site_settings.company_street_address_1 }}").doesNotContain("{{unsubscribe_url}}");
        // The instructions stay inside their comment, whatever they hold.
        String comment = template.substring(template.indexOf("<!-- Custom instructions"));
        assertThat(comment.substring(0, comment.indexOf("-->"))).contains("<script>alert(1)</script>");
        assertThat(template.indexOf("site_settings.company_name")).isLessThan(template.lastIndexOf("</body>"));
        // Only one unsubscribe link: the email's own.
        assertThat(template.split("unsubscribe_link", -1)).hasSize(2);
    }

    @Test
    void addsAnUnsubscribeLinkToAHubspotTemplateWithoutOne() {
        String template = PlatformTemplates.hubspot("Plain", "<p>Hi</p>", null);

        assertThat(template).contains("<p>Hi</p>", "{{ unsubscribe_link }}").doesNotContain("Custom instructions");
    }

    @Test
    void keepsCommentTextFromEndingItsComment() {
        assertThat(PlatformTemplates.commentSafe("a---b--!>c-")).doesNotContain("--").endsWith("- ");
    }

    @Test
    void namesFilesAfterTheSubject() {
        assertThat(Exporter.baseName("Announce our spring sale!")).isEqualTo("announce-our-spring-sale");
        assertThat(Exporter.baseName("Crème brûlée — 20% off")).isEqualTo("creme-brulee-20-off");
        assertThat(Exporter.baseName("???")).isEqualTo("email");
        assertThat(Exporter.baseName("x".repeat(100))).hasSize(60);
    }
}
