package ai.migma.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.validation.CompatibilityChecker.Issue;
import ai.migma.gateway.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class CompatibilityCheckerTest {

    private static final CompatibilityChecker CHECKER = new CompatibilityChecker();

    private static CompatibilityChecker.Report check(String html, List<String> clients) {
        return CHECKER.check(EmailHtml.parse(html), CHECKER.clients("clients", clients)).report(0);
    }

    @Test
    void flagsFlexboxAsAnErrorForOutlookOnWindowsOnly() {
        CompatibilityChecker.Report report = check("<div style=\"display: flex !important\">a</div>", null);

        assertThat(report.clientIssues().get("outlook-windows").errors()).extracting(Issue::feature)
                .containsExactly("css-display-flex");
        Issue issue = report.clientIssues().get("outlook-windows").errors().get(0);
        assertThat(issue.message()).isEqualTo("display:flex is not supported in Outlook for Windows (2007-2019)");
        assertThat(issue.occurrences()).isEqualTo(1);
        assertThat(report.clientIssues().get("gmail").errors()).isEmpty();
        assertThat(report.clientIssues().get("apple-mail").errors()).isEmpty();
        assertThat(report.summary().totalErrors()).isEqualTo(1);
        assertThat(report.featuresDetected()).extracting(CompatibilityChecker.FeatureUse::feature)
                .containsExactly("css-display-flex");
        // Seven clients at 100, Outlook at 100 - 15.
        assertThat(report.summary().compatibilityScore()).isEqualTo(98);
    }

    @Test
    void partialSupportIsAWarningCarryingCaniemailsCaveat() {
        CompatibilityChecker.Report report = check("""
                <html><head><style>@media (max-width: 600px) { .col { width: 100% } }</style></head>
                <body><table class="col"><tr><td>Hi</td></tr></table></body></html>""", List.of("gmail"));

        assertThat(report.clientIssues()).containsOnlyKeys("gmail");
        assertThat(report.clientIssues().get("gmail").warnings()).extracting(Issue::feature)
                .containsExactly("css-at-media", "html-style");
        assertThat(report.clientIssues().get("gmail").warnings().get(0).message())
                .isEqualTo("@media is only partly supported in Gmail (webmail): "
                        + "Partial. Does not support height based media queries.");
        assertThat(report.summary().totalWarnings()).isEqualTo(2);
        assertThat(report.summary().compatibilityScore()).isEqualTo(90);
        assertThat(report.metadata().clientsTested()).isEqualTo(1);
    }

    @Test
    void findsFeaturesInStyleSheetsAttributesAndElements() {
        CompatibilityChecker.Report report = check("""
                <style>/* display: grid */ .a:hover { color: red } @font-face { font-family: X; src: url(x.woff) }
                .b { box-shadow: 0 0 2px #000; border-top-left-radius: 4px; --brand: #f00 }</style>
                <div style="position: absolute; background: url(bg.png) no-repeat; margin: 0 auto">
                <svg></svg><video src="v.mp4"></video><form></form><script>x()</script><iframe></iframe>
                <img src="https://cdn.example.com/p.WEBP?w=2"></div>""", List.of("thunderbird"));

        assertThat(report.featuresDetected()).extracting(CompatibilityChecker.FeatureUse::feature)
                .containsExactlyInAnyOrder("css-pseudo-class-hover", "css-at-font-face", "css-box-shadow",
                        "css-border-radius", "css-variables", "css-position", "css-background-image", "css-margin",
                        "html-style", "html-svg", "html-video", "html-form", "html-script", "html-iframe",
                        "image-webp");
        assertThat(report.clientIssues().get("thunderbird").errors()).extracting(Issue::feature)
                .containsExactly("html-script", "html-iframe");
    }

    @Test
    void commentsAndImportantAreRemovedWithoutRescanning() {
        CompatibilityChecker.Report report = check("<style>/* .a { display: grid } */ .b { display: flex ! IMPORTANT }"
                + "</style>", List.of("outlook-windows"));
        assertThat(report.featuresDetected()).extracting(CompatibilityChecker.FeatureUse::feature)
                .containsExactly("css-display-flex", "html-style");

        // Quadratic with patterns: 120,000 characters of either took 12 s and 29 s.
        String unclosed = "<style>" + "/*x".repeat(150_000) + "</style>";
        String spaces = "<p style=\"color:a" + " ".repeat(450_000) + "b\">a</p>";
        for (String html : List.of(unclosed, spaces)) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(html, null));
        }
    }

    @Test
    void aPlainTableEmailScoresOneHundred() {
        CompatibilityChecker.Report report = check("<table><tr><td style=\"color:#333;padding:8px\">Hi</td></tr>"
                + "</table>", null);

        assertThat(report.summary().compatibilityScore()).isEqualTo(100);
        assertThat(report.summary().totalErrors()).isZero();
        assertThat(report.supportedClients()).extracting(CompatibilityChecker.TestedClient::key).containsExactly(
                "gmail", "outlook-windows", "outlook-web", "apple-mail", "ios-mail", "yahoo", "samsung-email",
                "thunderbird");
    }

    @Test
    void namedClientsAreTestedInTheTablesOrderAndUnknownOnesAreRefused() {
        assertThat(CHECKER.clients("clients", List.of(" Yahoo", "gmail", "yahoo")))
                .extracting(SupportTable.Client::key).containsExactly("gmail", "yahoo");

        assertThatThrownBy(() -> CHECKER.clients("clients", List.of("gmail", "lotus-notes")))
                .isInstanceOf(ApiException.class)
                .hasMessage("clients has an unknown client \"lotus-notes\"; valid clients are gmail, "
                        + "outlook-windows, outlook-web, apple-mail, ios-mail, yahoo, samsung-email, thunderbird");
    }

    @Test
    void everyFeatureOfTheTableHasALevelForEveryClient() {
        SupportTable table = SupportTable.load();

        assertThat(table.features()).hasSize(31);
        assertThat(table.sourceCommit()).hasSize(40);
        for (SupportTable.Feature feature : table.features()) {
            assertThat(feature.support().keySet()).as(feature.id()).containsExactlyInAnyOrderElementsOf(
                    CHECKER.clientKeys());
            assertThat(feature.support().values()).as(feature.id()).allSatisfy(s -> assertThat(s.level())
                    .isIn("supported", "partial", "unsupported"));
        }
    }
}
