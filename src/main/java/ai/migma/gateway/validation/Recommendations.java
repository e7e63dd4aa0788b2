package ai.migma.gateway.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The SDK's three tiers of advice; advice that two checks both give is listed once in its tier. */
public record Recommendations(List<String> critical, List<String> important, List<String> suggested) {

    enum Priority { CRITICAL, IMPORTANT, SUGGESTED }

    /** One piece of advice with its tier, as the checks produce them before they are sorted into tiers. */
    record Advice(Priority priority, String text) {
    }

    static Recommendations of(List<Advice> advice) {
        List<Set<String>> tiers = List.of(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        for (Advice a : advice) {
            tiers.get(a.priority().ordinal()).add(a.text());
        }
        return new Recommendations(new ArrayList<>(tiers.get(0)), new ArrayList<>(tiers.get(1)),
                new ArrayList<>(tiers.get(2)));
    }

    int count() {
        return critical.size() + important.size() + suggested.size();
    }
}
