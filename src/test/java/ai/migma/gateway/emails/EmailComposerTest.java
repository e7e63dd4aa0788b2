package ai.migma.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@UnitTest
class EmailComposerTest {

    private static EmailComposer.Email compose(String prompt, String logo, String domain) {
        return EmailComposer.compose(new EmailComposer.Brief("Acme Shoes", domain, logo, prompt, List.of(),
                List.of("en")));
    }

    @Test
    void thePromptIsTextNeverMarkup() {
        EmailComposer.Email email = compose("Write about <script>alert(1)</script> and \"quotes\" & more.", null,
                "acme.example");

        Document html = Jsoup.parse(email.html());
        assertThat(html.select("script")).isEmpty();
        assertThat(html.body().text()).contains("<script>alert(1)</script>", "\"quotes\" & more");
    }

    @Test
    void carriesTheProjectsLogoLinkAndNameOrAWordmarkWithoutALogo() {
        Document withLogo = Jsoup.parse(compose("A welcome email.", "https://cdn.example/logo.png", "acme.example")
                .html());
        Document without = Jsoup.parse(compose("A welcome email.", null, null).html());

        assertThat(withLogo.select("img[src=https://cdn.example/logo.png]").attr("alt")).isEqualTo("Acme Shoes");
        assertThat(withLogo.select("a[href=https://acme.example]").text()).isEqualTo("Visit Acme Shoes");
        assertThat(without.select("img")).isEmpty();
        assertThat(without.select("a[href^=https]")).isEmpty();
        assertThat(without.body().text()).startsWith("Acme Shoes");
    }

    @Test
    void theSubjectIsThePromptsFirstSentenceWithoutItsInstructionAndShortened() {
        assertThat(compose("Please create a welcome email for new subscribers. Mention the app.", null, null)
                .subject()).isEqualTo("Welcome email for new subscribers");
        String long_ = "Announce " + "the very long list of features ".repeat(5);
        assertThat(compose(long_, null, null).subject()).hasSizeLessThanOrEqualTo(78).endsWith("…");
    }
}
