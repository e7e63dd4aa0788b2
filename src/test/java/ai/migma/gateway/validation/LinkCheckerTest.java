package ai.migma.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.validation.LinkChecker.CheckedLink;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@UnitTest
class LinkCheckerTest {

    private final LinkChecker checker = new LinkChecker();

    private LinkChecker.Report check(String html) {
        return checker.check(EmailHtml.parse(html)).report(0);
    }

    private static Map<String, CheckedLink> byUrl(LinkChecker.Report report) {
        return report.checkedLinks().stream().collect(Collectors.toMap(CheckedLink::url, Function.identity()));
    }

    @Test
    void reportsEveryLinkWithSchemeHostAndAnchorText() {
        LinkChecker.Report report = check("""
                <p><a href="https://Shop.Example.com/sale?x=1">Summer sale</a>
                <a href=" http://blog.example.org/post "><img src="a.png" alt="Our blog"></a></p>
                <map><area href="https://example.net/map" alt="Map area"></map>
                <a name="no-href">not a link</a>""");

        assertThat(report.totalLinks()).isEqualTo(3);
        assertThat(report.checkedLinks()).extracting(CheckedLink::url, CheckedLink::scheme, CheckedLink::host,
                CheckedLink::anchorText, CheckedLink::element, CheckedLink::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://Shop.Example.com/sale?x=1", "https", "shop.example.com",
                        "Summer sale", "a", "valid"),
                org.assertj.core.groups.Tuple.tuple("http://blog.example.org/post", "http", "blog.example.org",
                        "Our blog", "a", "valid"),
                org.assertj.core.groups.Tuple.tuple("https://example.net/map", "https", "example.net", "Map area",
                        "area", "valid"));
        assertThat(report.checkedLinks()).allSatisfy(link -> assertThat(link.error()).isNull());
    }

    @Test
    void judgesLinksByTheirTextAloneWithoutFetching() {
        LinkChecker.Report report = check("""
                <a href="">empty</a> <a href="javascript:alert(1)">js</a> <a href="/account">relative</a>
                <a href="https://exa mple.com/">space</a> <a href="https://">no host</a>
                <a href="mailto:help@example.com">mail</a> <a href="tel:+15550100">call</a> <a href="#top">top</a>
                <a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="*|UNSUB|*">Leave</a>
                <a href="https://example.com/{{id}}">tagged</a> <a href="https://example.com/">ok</a>""");

        Map<String, CheckedLink> links = byUrl(report);
        assertThat(links.get("").status()).isEqualTo("invalid");
        assertThat(links.get("").error()).isEqualTo("empty href");
        assertThat(links.get("javascript:alert(1)").error()).contains("javascript:");
        assertThat(links.get("/account").error()).startsWith("relative URL");
        assertThat(links.get("https://exa mple.com/").error()).startsWith("malformed URL");
        assertThat(links.get("https://").status()).isEqualTo("invalid");
        for (String skipped : List.of("mailto:help@example.com", "tel:+15550100", "#top", "{{unsubscribe_url}}",
                "*|UNSUB|*", "https://example.com/{{id}}")) {
            assertThat(links.get(skipped).status()).as(skipped).isEqualTo("skipped");
            assertThat(links.get(skipped).reason()).as(skipped).isNotBlank();
        }
        assertThat(links.get("https://example.com/").status()).isEqualTo("valid");

        assertThat(report.summary().brokenLinks()).isEqualTo(5);
        assertThat(report.summary().unreachableLinks()).isZero();
        assertThat(report.metadata().linksSkipped()).isEqualTo(6);
        assertThat(report.metadata().linksChecked()).isEqualTo(6);
        assertThat(report.metadata().fetched()).isFalse();
    }

    @Test
    void recommendsHttpsDescriptiveTextAndFixingInvalidLinks() {
        LinkChecker.Result result = checker.check(EmailHtml.parse("""
                <a href="http://example.com/a">Click here</a> <a href="https://bit.ly/x">Our offer</a>
                <a href="javascript:void(0)">Menu</a> <a href="https://example.com/b"></a>"""));

        List<String> advice = result.report(0).recommendations();
        assertThat(advice).anySatisfy(a -> assertThat(a).startsWith("Fix 1 invalid link: javascript:void(0)"));
        assertThat(advice).anySatisfy(a -> assertThat(a).isEqualTo("Use https for 1 link: http://example.com/a"));
        assertThat(advice).anySatisfy(a -> assertThat(a).contains("URL shortener").contains("https://bit.ly/x"));
        assertThat(advice).anySatisfy(a -> assertThat(a).contains("\"click here\""));
        assertThat(advice).anySatisfy(a -> assertThat(a).startsWith("Give 1 link visible text"));
        assertThat(result.advice().get(0).priority()).isEqualTo(Recommendations.Priority.CRITICAL);
    }

    @Test
    void anEmailWithoutLinksHasAnEmptyReport() {
        LinkChecker.Report report = check("<p>No links here.</p>");

        assertThat(report.totalLinks()).isZero();
        assertThat(report.checkedLinks()).isEmpty();
        assertThat(report.recommendations()).isEmpty();
    }
}
