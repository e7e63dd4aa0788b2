package ai.migma.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class DeliverabilityAnalyzerTest {

    private static final DeliverabilityAnalyzer ANALYZER = new DeliverabilityAnalyzer();
    private static final String FOOTER = "<p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>";

    private static DeliverabilityAnalyzer.Report analyze(String html, String subject, String fromName,
            String fromEmail) {
        return ANALYZER.analyze(EmailHtml.parse(html), new DeliverabilityAnalyzer.Sender(subject, fromName,
                fromEmail)).report(0);
    }

    @Test
    void aPlainReceiptLandsInTheInbox() {
        DeliverabilityAnalyzer.Report report = analyze("<p>Thanks for your order. Your receipt for order number "
                + "1042 is attached; the parcel has shipped and its tracking number is 99.</p>" + FOOTER,
                "Your receipt", "Shop", "orders@shop.example");

        assertThat(report.prediction().category()).isEqualTo("inbox");
        assertThat(report.prediction().score()).isEqualTo(100);
        assertThat(report.spamScore().score()).isZero();
        assertThat(report.spamScore().triggers()).isEmpty();
        // The subject is read first.
        assertThat(report.contentSignals().transactional()).containsExactly("receipt", "your order",
                "order number", "has shipped", "tracking number");
        assertThat(report.prediction().confidence()).isEqualTo(0.95);
        assertThat(report.metadata().unsubscribeLink()).isTrue();
    }

    @Test
    void spamPhrasesACapitalSubjectAndNoUnsubscribeLinkPredictSpam() {
        DeliverabilityAnalyzer.Report report = analyze("<p>Act now! You are a winner of a free gift. Risk-free, "
                + "no credit check.</p>", "WIN BIG TODAY!!", "DEALS", "promo@gmail.com");

        assertThat(report.prediction().category()).isEqualTo("spam");
        assertThat(report.contentSignals().spam()).containsExactly("act now", "you are a winner", "free gift",
                "risk-free", "no credit check");
        assertThat(report.spamScore().triggers()).contains("no unsubscribe link", "subject in capitals",
                "exclamation marks in the subject", "sent from a free mailbox domain (gmail.com)",
                "sender name in capitals");
        // 40 (five phrases, capped) + 20 + 10 + 10 + 15 + 5 = 100.
        assertThat(report.spamScore().score()).isEqualTo(100);
        assertThat(report.prediction().score()).isZero();
        assertThat(report.prediction().confidence()).isEqualTo(0.95);
        assertThat(report.recommendations().critical()).anySatisfy(r -> assertThat(r).startsWith(
                "Add an unsubscribe link"));
        assertThat(report.prediction().reasoning()).startsWith("Likely filtered as spam: spam score 100/100 from");
    }

    @Test
    void offersAndPricesPredictThePromotionsTab() {
        DeliverabilityAnalyzer.Report report = analyze("<p>Our summer sale: 20% off everything, from $9. Use the "
                + "coupon SUMMER at checkout and enjoy free shipping on every order this week.</p>" + FOOTER,
                "Summer sale", null, null);

        assertThat(report.contentSignals().promotional()).containsExactly("sale", "coupon", "free shipping",
                "20% off", "$9");
        assertThat(report.prediction().category()).isEqualTo("promotions");
        assertThat(report.prediction().confidence()).isEqualTo(0.9);
        assertThat(report.recommendations().suggested()).anySatisfy(r -> assertThat(r).contains("Promotions tab"));
    }

    @Test
    void anImageOnlyEmailOverGmailsClippingLimitIsFlagged() {
        String padding = "<!-- " + "x".repeat(DeliverabilityAnalyzer.GMAIL_CLIP_BYTES) + " -->";
        DeliverabilityAnalyzer.Report report = analyze("<img src=\"https://cdn.example.com/a.png\">" + padding
                + FOOTER, null, null, null);

        assertThat(report.spamScore().triggers()).containsExactly(
                "HTML of " + report.metadata().htmlSizeBytes() + " bytes, over Gmail's 102 KB clipping limit",
                "image-only email (1 images, 1 words)");
        assertThat(report.spamScore().score()).isEqualTo(35);
        assertThat(report.metadata().imagesWithoutAlt()).isEqualTo(1);
        assertThat(report.recommendations().suggested()).contains("Give 1 image alt text, shown when images are "
                + "blocked");
    }

    @Test
    void theSameEmailAlwaysGetsTheSameReport() {
        String html = "<p>Limited time deal: act now and save!</p><img src=\"x.png\" alt=\"x\">";

        assertThat(analyze(html, "Hi!!", null, null)).isEqualTo(analyze(html, "Hi!!", null, null));
    }
}
