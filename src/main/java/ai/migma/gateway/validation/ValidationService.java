package ai.migma.gateway.validation;

import ai.migma.gateway.validation.Recommendations.Advice;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * The five validation routes: reads and checks each request, runs the checks it asks for on the HTML parsed once,
 * and times them. Times are the only part of a report that changes from one call to the next.
 */
@Service
final class ValidationService {

    static final int MAX_SUBJECT = 998;
    static final int MAX_FROM_NAME = 200;
    static final int MAX_LANGUAGES = 20;
    /** What one spelling error costs the spelling check's score in {@code /validate/all}. */
    static final int SPELLING_ERROR_COST = 5;

    public record CompatibilityRequest(@JsonText String html, @JsonText.Each List<String> clients) {
    }

    /** {@code timeout} and {@code followRedirects} are read and checked, and change nothing: no link is fetched. */
    public record LinksRequest(@JsonText String html, Integer timeout, Boolean followRedirects) {
    }

    public record SpellingRequest(@JsonText String html, @JsonText.Each List<String> languages,
            Boolean checkGrammar) {
    }

    public record DeliverabilityRequest(@JsonText String html, @JsonText String subject, @JsonText String fromName,
            @JsonText String fromEmail) {
    }

    public record AllOptions(Boolean checkCompatibility, Boolean checkLinks, Boolean checkSpelling,
            Boolean checkDeliverability, @JsonText.Each List<String> clients,
            @JsonText.Each List<String> languages) {
    }

    public record AllRequest(@JsonText String html, @JsonText String subject, AllOptions options) {
    }

    public record AllSummary(int criticalIssues, int warnings, List<String> passed, List<String> failed) {
    }

    public record AllMetadata(long totalProcessingTime, List<String> checksPerformed) {
    }

    /** The SDK's {@code ValidateAllResponse}, with each check's score that {@code overallScore} averages. */
    public record AllReport(int overallScore, Map<String, Integer> scores,
            @JsonInclude(JsonInclude.Include.NON_NULL) CompatibilityChecker.Report compatibility,
            @JsonInclude(JsonInclude.Include.NON_NULL) LinkChecker.Report linkAnalysis,
            @JsonInclude(JsonInclude.Include.NON_NULL) SpellChecker.Report spelling,
            @JsonInclude(JsonInclude.Include.NON_NULL) DeliverabilityAnalyzer.Report deliverability,
            AllSummary summary, Recommendations recommendations, AllMetadata metadata) {
    }

    private final CompatibilityChecker compatibility;
    private final LinkChecker links;
    private final SpellChecker spelling;
    private final DeliverabilityAnalyzer deliverability;

    ValidationService(CompatibilityChecker compatibility, LinkChecker links, SpellChecker spelling,
            DeliverabilityAnalyzer deliverability) {
        this.compatibility = compatibility;
        this.links = links;
        this.spelling = spelling;
        this.deliverability = deliverability;
    }

    public CompatibilityChecker.Report compatibility(CompatibilityRequest request) {
        long start = System.nanoTime();
        List<SupportTable.Client> clients = compatibility.clients("clients", request.clients());
        return compatibility.check(EmailHtml.parse(request.html()), clients).report(millisSince(start));
    }

    public LinkChecker.Report links(LinksRequest request) {
        long start = System.nanoTime();
        Fields.checkPositive("timeout", request.timeout());
        return links.check(EmailHtml.parse(request.html())).report(millisSince(start));
    }

    public SpellChecker.Report spelling(SpellingRequest request) {
        long start = System.nanoTime();
        checkLanguages("languages", request.languages());
        EmailHtml email = EmailHtml.parse(request.html());
        return spelling.check(email, !Boolean.FALSE.equals(request.checkGrammar()))
                .report(millisSince(start), spelling.dictionaryWords());
    }

    public DeliverabilityAnalyzer.Report deliverability(DeliverabilityRequest request) {
        long start = System.nanoTime();
        DeliverabilityAnalyzer.Sender sender = sender(request.subject(), request.fromName(), request.fromEmail());
        return deliverability.analyze(EmailHtml.parse(request.html()), sender).report(millisSince(start));
    }

    public AllReport all(AllRequest request) {
        long start = System.nanoTime();
        AllOptions options = request.options() == null ? new AllOptions(null, null, null, null, null, null)
                : request.options();
        List<SupportTable.Client> clients = compatibility.clients("options.clients", options.clients());
        checkLanguages("options.languages", options.languages());
        DeliverabilityAnalyzer.Sender sender = sender(request.subject(), null, null);
        if (!(on(options.checkCompatibility()) || on(options.checkLinks()) || on(options.checkSpelling())
                || on(options.checkDeliverability()))) {
            throw ApiException.invalid("options turn every check off; leave at least one on");
        }
        EmailHtml email = EmailHtml.parse(request.html());
        Tally tally = new Tally();

        CompatibilityChecker.Report compatibilityReport = null;
        if (on(options.checkCompatibility())) {
            Timed<CompatibilityChecker.Result> run = Timed.run(() -> compatibility.check(email, clients));
            CompatibilityChecker.Summary summary = run.value().summary();
            tally.add("compatibility", summary.compatibilityScore(), summary.totalErrors() == 0,
                    summary.totalErrors(), summary.totalWarnings(), run.value().advice());
            compatibilityReport = run.value().report(run.millis());
        }
        LinkChecker.Report linkReport = null;
        if (on(options.checkLinks())) {
            Timed<LinkChecker.Result> run = Timed.run(() -> links.check(email));
            LinkChecker.Report report = run.value().report(run.millis());
            int checked = report.metadata().linksChecked();
            int broken = report.summary().brokenLinks();
            tally.add("links", checked == 0 ? 100 : (int) Math.round(100.0 * (checked - broken) / checked),
                    broken == 0, broken, 0, run.value().advice());
            linkReport = report;
        }
        SpellChecker.Report spellingReport = null;
        if (on(options.checkSpelling())) {
            Timed<SpellChecker.Result> run = Timed.run(() -> spelling.check(email, true));
            int errors = run.value().summary().totalErrors();
            tally.add("spelling", Math.max(0, 100 - SPELLING_ERROR_COST * errors), errors == 0, 0, errors,
                    run.value().advice());
            spellingReport = run.value().report(run.millis(), spelling.dictionaryWords());
        }
        DeliverabilityAnalyzer.Report deliverabilityReport = null;
        if (on(options.checkDeliverability())) {
            Timed<DeliverabilityAnalyzer.Result> run = Timed.run(() -> deliverability.analyze(email, sender));
            DeliverabilityAnalyzer.Report report = run.value().report(run.millis());
            tally.add("deliverability", report.prediction().score(), !report.prediction().category().equals("spam")
                    && report.recommendations().critical().isEmpty(), report.recommendations().critical().size(),
                    report.recommendations().important().size(), run.value().advice());
            deliverabilityReport = report;
        }
        int overall = (int) Math.round(tally.scores.values().stream().mapToInt(Integer::intValue).average()
                .orElse(100));
        return new AllReport(overall, tally.scores, compatibilityReport, linkReport, spellingReport,
                deliverabilityReport, new AllSummary(tally.critical, tally.warnings, tally.passed, tally.failed),
                Recommendations.of(tally.advice),
                new AllMetadata(millisSince(start), List.copyOf(tally.scores.keySet())));
    }

    /** What {@code /validate/all} gathers from the checks it runs, in the order it runs them. */
    private static final class Tally {
        final Map<String, Integer> scores = new LinkedHashMap<>();
        final List<String> passed = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final List<Advice> advice = new ArrayList<>();
        int critical;
        int warnings;

        void add(String check, int score, boolean pass, int criticalIssues, int warningIssues, List<Advice> given) {
            scores.put(check, score);
            (pass ? passed : failed).add(check);
            critical += criticalIssues;
            warnings += warningIssues;
            advice.addAll(given);
        }
    }

    private record Timed<T>(T value, long millis) {

        static <T> Timed<T> run(Supplier<T> check) {
            long start = System.nanoTime();
            T value = check.get();
            return new Timed<>(value, millisSince(start));
        }
    }

    /** Absent means on: the SDK's options select checks to leave out. */
    private static boolean on(Boolean option) {
        return !Boolean.FALSE.equals(option);
    }

    private static void checkLanguages(String field, List<String> languages) {
        if (languages != null && languages.size() > MAX_LANGUAGES) {
            throw ApiException.invalid(field + " must name at most " + MAX_LANGUAGES + " languages");
        }
        SpellChecker.checkLanguages(field, languages);
    }

    private static DeliverabilityAnalyzer.Sender sender(String subject, String fromName, String fromEmail) {
        return new DeliverabilityAnalyzer.Sender(Fields.optionalText("subject", subject, MAX_SUBJECT),
                Fields.optionalText("fromName", fromName, MAX_FROM_NAME),
                fromEmail == null || fromEmail.isBlank() ? null : Fields.requireEmail("fromEmail", fromEmail));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
