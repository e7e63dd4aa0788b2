package ai.migma.gateway.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English words the spelling check knows: SCOWL's American list as Debian ships it (wamerican), kept in lower
 * case, so a word at the start of a sentence and a proper name in lower case are both known.
 */
final class WordList {

    static final String RESOURCE = "/validation/words-en.txt";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz'";
    private static final int SWAPPED = 0;
    private static final int REPLACED = 1;
    private static final int EXTRA = 2;
    private static final int MISSING = 3;

    private final Set<String> words;

    private WordList(Set<String> words) {
        this.words = words;
    }

    static WordList load() {
        try (InputStream in = WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Set<String> words = new HashSet<>(150_000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new WordList(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return words.size();
    }

    boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Known words one edit away, the likeliest typos first: two neighbours swapped ("teh"), then a letter replaced,
     * a letter too many, a letter missing; alphabetical within each kind, so a word always gets the same list.
     */
    List<String> suggestions(String word, int limit) {
        String w = word.toLowerCase(Locale.ROOT);
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i <= w.length(); i++) {
            String head = w.substring(0, i);
            String tail = w.substring(i);
            if (tail.length() > 1) {
                keep(head + tail.charAt(1) + tail.charAt(0) + tail.substring(2), SWAPPED, found);
            }
            for (int c = 0; c < ALPHABET.length(); c++) {
                if (!tail.isEmpty()) {
                    keep(head + ALPHABET.charAt(c) + tail.substring(1), REPLACED, found);
                }
                keep(head + ALPHABET.charAt(c) + tail, MISSING, found);
            }
            if (!tail.isEmpty()) {
                keep(head + tail.substring(1), EXTRA, found);
            }
        }
        found.remove(w);
        return found.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Keeps a known candidate with the likeliest kind of edit that reaches it. */
    private void keep(String candidate, int kind, Map<String, Integer> found) {
        if (!candidate.isEmpty() && words.contains(candidate)) {
            found.merge(candidate, kind, Math::min);
        }
    }
}
