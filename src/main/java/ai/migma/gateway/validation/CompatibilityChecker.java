package ai.migma.gateway.validation;

import ai.migma.gateway.validation.Recommendations.Advice;
import ai.migma.gateway.validation.Recommendations.Priority;
import ai.migma.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which features of the email each client would drop or render differently, by the support table: an unsupported
 * feature is an error for that client, a partly supported one a warning.
 */
@Component
final class CompatibilityChecker {

    /** What one error or warning costs a client's score, out of 100. */
    static final int ERROR_COST = 15;
    static final int WARNING_COST = 5;
    static final int MAX_CLIENTS = 50;

    private final SupportTable table;

    CompatibilityChecker() {
        this.table = SupportTable.load();
    }

    public record Issue(String feature, String title, String message, int occurrences, String level) {
    }

    public record ClientIssues(List<Issue> errors, List<Issue> warnings) {
    }

    public record Summary(int totalErrors, int totalWarnings, int compatibilityScore) {
    }

    /** A client tested, with its own score: 100 less the cost of its errors and warnings. */
    public record TestedClient(String key, String name, int errors, int warnings, int score) {
    }

    public record FeatureUse(String feature, String title, int occurrences) {
    }

    public record Metadata(long processingTime, int clientsTested, String source, String sourceDate) {
    }

    /** The SDK's {@code CompatibilityResponse}, with the features found. */
    public record Report(Map<String, ClientIssues> clientIssues, Summary summary,
            List<TestedClient> supportedClients, List<FeatureUse> featuresDetected, Metadata metadata) {
    }

    /** The report without its processing time, and its advice for {@code /validate/all}. */
    record Result(Map<String, ClientIssues> clientIssues, Summary summary, List<TestedClient> clients,
            List<FeatureUse> features, List<Advice> advice, String source, String sourceDate) {

        Report report(long processingTime) {
            return new Report(clientIssues, summary, clients, features,
                    new Metadata(processingTime, clients.size(), source, sourceDate));
        }
    }

    /** The keys of the clients the table knows, in its order. */
    List<String> clientKeys() {
        return table.clients().stream().map(SupportTable.Client::key).toList();
    }

    /** The clients named, in the table's order; all of them when none are named. */
    List<SupportTable.Client> clients(String field, List<String> names) {
        if (names == null || names.isEmpty()) {
            return table.clients();
        }
        if (names.size() > MAX_CLIENTS) {
            throw ApiException.invalid(field + " must name at most " + MAX_CLIENTS + " clients");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            if (!clientKeys().contains(key)) {
                throw ApiException.invalid(field + " has an unknown client \"" + (name == null ? "null" : name)
                        + "\"; valid clients are " + String.join(", ", clientKeys()));
            }
            wanted.add(key);
        }
        return table.clients().stream().filter(c -> wanted.contains(c.key())).toList();
    }

    Result check(EmailHtml email, List<SupportTable.Client> clients) {
        Map<String, Integer> used = CssFeatures.used(email);
        List<SupportTable.Feature> features = table.features().stream().filter(f -> used.containsKey(f.id()))
                .toList();
        Map<String, ClientIssues> issues = new LinkedHashMap<>();
        List<TestedClient> tested = new ArrayList<>();
        Map<String, List<String>> droppedBy = new LinkedHashMap<>();
        int errors = 0;
        int warnings = 0;
        for (SupportTable.Client client : clients) {
            List<Issue> clientErrors = new ArrayList<>();
            List<Issue> clientWarnings = new ArrayList<>();
            for (SupportTable.Feature feature : features) {
                SupportTable.Support support = feature.support().get(client.key());
                int n = used.get(feature.id());
                if (support.level().equals("unsupported")) {
                    clientErrors.add(issue(feature, client, support, n, "error",
                            " is not supported in "));
                    droppedBy.computeIfAbsent(feature.title(), t -> new ArrayList<>()).add(client.name());
                } else if (support.level().equals("partial")) {
                    clientWarnings.add(issue(feature, client, support, n, "warning",
                            " is only partly supported in "));
                }
            }
            issues.put(client.key(), new ClientIssues(clientErrors, clientWarnings));
            int cost = Math.min(100, ERROR_COST * clientErrors.size() + WARNING_COST * clientWarnings.size());
            tested.add(new TestedClient(client.key(), client.name(), clientErrors.size(), clientWarnings.size(),
                    100 - cost));
            errors += clientErrors.size();
            warnings += clientWarnings.size();
        }
        int score = (int) Math.round(tested.stream().mapToInt(TestedClient::score).average().orElse(100));
        List<Advice> advice = new ArrayList<>();
        droppedBy.forEach((title, names) -> advice.add(new Advice(Priority.IMPORTANT, "Provide a fallback for "
                + title + ", which " + String.join(", ", names) + (names.size() == 1 ? " does" : " do")
                + " not support")));
        if (warnings > 0) {
            advice.add(new Advice(Priority.SUGGESTED, "Test the rendering in the clients with warnings: "
                    + tested.stream().filter(c -> c.warnings() > 0).map(TestedClient::name)
                            .collect(Collectors.joining(", "))));
        }
        return new Result(issues, new Summary(errors, warnings, score), tested,
                features.stream().map(f -> new FeatureUse(f.id(), f.title(), used.get(f.id()))).toList(), advice,
                table.source(), table.sourceDate());
    }

    private static Issue issue(SupportTable.Feature feature, SupportTable.Client client, SupportTable.Support support,
            int occurrences, String level, String verdict) {
        String message = feature.title() + verdict + client.name()
                + (support.note() == null ? "" : ": " + support.note());
        return new Issue(feature.id(), feature.title(), message, occurrences, level);
    }
}
