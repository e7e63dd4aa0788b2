package ai.migma.gateway.validation;

import ai.migma.gateway.validation.Recommendations.Advice;
import ai.migma.gateway.validation.Recommendations.Priority;
import ai.migma.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Looks every word of the email's visible text up in the shipped English word list. Words that are not prose are
 * left alone: URLs, email addresses, domain names, merge tags, words with digits, acronyms in capitals and
 * brand-like words with inner capitals (iPhone). With {@code checkGrammar}, a word written twice in a row is
 * reported too; that is all the grammar there is without a language model.
 */
@Component
final class SpellChecker {

    /** The errors listed in one report; {@code summary.totalErrors} counts them all. */
    static final int MAX_LISTED = 500;
    static final int MAX_SUGGESTIONS = 5;
    /** Longer "words" get no suggestions: their edits grow with the square of the length, and none is English. */
    static final int MAX_SUGGESTED_LENGTH = 30;
    private static final int CONTEXT = 30;
    static final String AI_MODEL = "none: word list (SCOWL en_US via Debian wamerican)";

    /** What is not prose; every repetition is bounded, so no text makes a match scan to its end from each start. */
    private static final Pattern NOT_PROSE = Pattern.compile(LinkChecker.MERGE_TAG.pattern()
            + "|(?i:https?://|www\\.)\\S+"
            + "|[^\\s@]{1,64}@\\S{1,255}"
            + "|(?i:\\b[\\p{L}\\p{N}-]{1,63}(\\.[\\p{L}\\p{N}-]{1,63}){0,8}\\.(com|org|net|io|co|ai|app|dev|edu|gov"
            + "|info|biz|me|us|uk|ca|de|fr|es|it|nl|au|eu)\\b)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

    private final WordList words;

    SpellChecker() {
        this.words = WordList.load();
    }

    /** An unknown word (type {@code spelling}) or a repeated one ({@code repeated-word}) and where it is. */
    public record SpellingError(String type, String word, int offset, String context, List<String> suggestions) {
    }

    public record Summary(int totalErrors, int spellingErrors, int grammarErrors, int wordsChecked,
            int uniqueMisspellings) {
    }

    public record Metadata(long processingTime, String aiModel, int tokensUsed, String language,
            int dictionaryWords) {
    }

    /** The SDK's {@code SpellingResponse}: its summary and metadata, and the errors found. */
    public record Report(List<SpellingError> errors, boolean errorsTruncated, Summary summary, Metadata metadata) {
    }

    record Result(List<SpellingError> errors, Summary summary, List<Advice> advice) {

        Report report(long processingTime, int dictionaryWords) {
            List<SpellingError> listed = errors.subList(0, Math.min(MAX_LISTED, errors.size()));
            return new Report(List.copyOf(listed), errors.size() > MAX_LISTED, summary,
                    new Metadata(processingTime, AI_MODEL, 0, "en", dictionaryWords));
        }
    }

    int dictionaryWords() {
        return words.size();
    }

    /** English only: the list is English; any {@code en} tag (en, en-US, en_GB) is accepted, others are a 400. */
    static void checkLanguages(String field, List<String> languages) {
        if (languages == null) {
            return;
        }
        for (String language : languages) {
            String tag = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (!tag.matches("en([-_][a-z0-9]{1,8})*|english")) {
                throw ApiException.invalid(field + ": only English (en) can be checked, not \""
                        + (language == null ? "null" : language) + "\"");
            }
        }
    }

    Result check(EmailHtml email, boolean grammar) {
        String text = email.visibleText();
        String prose = blankOut(text);
        List<SpellingError> errors = new ArrayList<>();
        Map<String, List<String>> suggestions = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        int checked = 0;
        int grammarErrors = 0;
        String previous = null;
        int previousEnd = -1;
        Matcher word = WORD.matcher(prose);
        while (word.find()) {
            String token = word.group().replace('’', '\'');
            // A word written twice, with only blanks between: "the the".
            if (grammar && previous != null && previous.equalsIgnoreCase(token)
                    && prose.substring(previousEnd, word.start()).isBlank() && token.chars().noneMatch(
                            Character::isDigit)) {
                errors.add(new SpellingError("repeated-word", token, word.start(), context(text, word.start(),
                        word.end()), List.of(token)));
                grammarErrors++;
            }
            previous = token;
            previousEnd = word.end();
            String candidate = stripPossessive(token);
            if (!isProse(candidate)) {
                continue;
            }
            checked++;
            if (words.contains(candidate)) {
                continue;
            }
            String lower = candidate.toLowerCase(Locale.ROOT);
            unknown.add(lower);
            // Suggestions only for the errors listed: an unlisted one's would be thrown away.
            List<String> suggested = errors.size() >= MAX_LISTED || lower.length() > MAX_SUGGESTED_LENGTH ? List.of()
                    : suggestions.computeIfAbsent(lower, w -> words.suggestions(w, MAX_SUGGESTIONS)).stream()
                            .map(s -> Character.isUpperCase(candidate.charAt(0)) ? capitalize(s) : s).toList();
            errors.add(new SpellingError("spelling", candidate, word.start(), context(text, word.start(),
                    word.end()), suggested));
        }
        List<Advice> advice = new ArrayList<>();
        if (!unknown.isEmpty()) {
            advice.add(new Advice(Priority.IMPORTANT, "Check the spelling of " + LinkChecker.plural(unknown.size(),
                    "word") + ": " + String.join(", ", unknown.stream().limit(10).toList())
                    + (unknown.size() > 10 ? " and more" : "")));
        }
        if (grammarErrors > 0) {
            advice.add(new Advice(Priority.SUGGESTED, "Remove " + LinkChecker.plural(grammarErrors,
                    "repeated word")));
        }
        return new Result(errors, new Summary(errors.size(), errors.size() - grammarErrors, grammarErrors,
                checked, unknown.size()), advice);
    }

    /** The text with everything that is not prose replaced by blanks, so offsets stay those of the text. */
    private static String blankOut(String text) {
        StringBuilder prose = new StringBuilder(text);
        Matcher skipped = NOT_PROSE.matcher(text);
        while (skipped.find()) {
            for (int i = skipped.start(); i < skipped.end(); i++) {
                prose.setCharAt(i, ' ');
            }
        }
        return prose.toString();
    }

    private static String stripPossessive(String token) {
        return token.length() > 2 && token.toLowerCase(Locale.ROOT).endsWith("'s")
                ? token.substring(0, token.length() - 2) : token;
    }

    /** Single letters, numbers, ACRONYMS and iPhone-like names are not checked. */
    private static boolean isProse(String token) {
        if (token.length() < 2 || token.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        if (token.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
            return false;
        }
        return token.substring(1).chars().noneMatch(Character::isUpperCase);
    }

    private static String context(String text, int start, int end) {
        return text.substring(Math.max(0, start - CONTEXT), Math.min(text.length(), end + CONTEXT)).strip();
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
