package ai.migma.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.validation.SpellChecker.SpellingError;
import ai.migma.gateway.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class SpellCheckerTest {

    private static final SpellChecker CHECKER = new SpellChecker();

    private static SpellChecker.Report check(String html, boolean grammar) {
        return CHECKER.check(EmailHtml.parse(html), grammar).report(0, CHECKER.dictionaryWords());
    }

    @Test
    void findsAMisspellingWithItsPlaceAndSuggestions() {
        SpellChecker.Report report = check("<h1>Thanks!</h1><p>We will recieve your order tomorrow.</p>", true);

        assertThat(report.errors()).hasSize(1);
        SpellingError error = report.errors().get(0);
        assertThat(error.type()).isEqualTo("spelling");
        assertThat(error.word()).isEqualTo("recieve");
        assertThat(error.offset()).isEqualTo("Thanks! We will ".length());
        assertThat(error.context()).isEqualTo("Thanks! We will recieve your order tomorrow.");
        assertThat(error.suggestions()).contains("receive");
        assertThat(report.summary().totalErrors()).isEqualTo(1);
        assertThat(report.summary().wordsChecked()).isEqualTo(7);
        assertThat(report.metadata().aiModel()).startsWith("none: word list");
        assertThat(report.metadata().tokensUsed()).isZero();
    }

    @Test
    void suggestionsAreKnownWordsOneEditAwaySwappedLettersFirst() {
        WordList words = WordList.load();

        assertThat(words.suggestions("teh", 5)).containsExactly("the", "meh", "tea", "ted", "tee");
        assertThat(words.suggestions("the", 5)).doesNotContain("the");
        SpellChecker.Report capitalized = check("<p>Recieve it.</p>", false);
        assertThat(capitalized.errors().get(0).suggestions()).contains("Receive");
    }

    @Test
    void leavesUrlsAddressesMergeTagsNumbersAndAcronymsAlone() {
        SpellChecker.Report report = check("""
                <p>Hi {{first_name}}, visit https://shopz.example/xyzzy or www.qwxz.example.com, mail
                qwxz@zzqq.example, read shopzz.com, order 3rd 42x, the HTML CSS NASA team uses iPhone
                and McDonald. The store's sale is *|MERGEZZ|* and %%zzqq%%.</p>""", true);

        assertThat(report.errors()).isEmpty();
        assertThat(report.summary().wordsChecked()).isPositive();
    }

    @Test
    void reportsAWordWrittenTwiceOnlyWhenCheckingGrammar() {
        String html = "<p>Open the the door.</p>";

        List<SpellingError> errors = check(html, true).errors();
        assertThat(errors).extracting(SpellingError::type, SpellingError::word, SpellingError::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("repeated-word", "the", 9));
        assertThat(check(html, true).summary().grammarErrors()).isEqualTo(1);
        assertThat(check(html, false).errors()).isEmpty();
    }

    @Test
    void acceptsEnglishLanguageTagsAndRefusesOthers() {
        assertThatCode(() -> SpellChecker.checkLanguages("languages", List.of("en", "en-US", "EN_gb")))
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> SpellChecker.checkLanguages("languages", List.of("en", "fr")))
                .isInstanceOf(ApiException.class)
                .hasMessage("languages: only English (en) can be checked, not \"fr\"");
    }

    @Test
    void textMadeToDefeatThePatternsIsStillReadInOnePass() {
        // Quadratic with unbounded patterns: 120,000 characters of {{ took 137 s, of x (no @) 12 s.
        int size = EmailHtml.MAX_CHARACTERS - 10;
        for (String html : List.of("{{".repeat(size / 2), "a-".repeat(size / 2), "x".repeat(size),
                "*|".repeat(size / 2), "%%a".repeat(size / 3))) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check("<p>" + html + "</p>", true));
        }
    }

    @Test
    void listsAtMostFiveHundredErrorsButCountsThemAll() {
        SpellChecker.Report report = check("<p>" + "zzqx ".repeat(600) + "</p>", false);

        assertThat(report.errors()).hasSize(SpellChecker.MAX_LISTED);
        assertThat(report.errorsTruncated()).isTrue();
        assertThat(report.summary().totalErrors()).isEqualTo(600);
        assertThat(report.summary().uniqueMisspellings()).isEqualTo(1);
    }
}
