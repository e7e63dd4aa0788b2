package ai.migma.gateway.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.GatewayApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A gateway start that is meant to fail, and the report Boot would print for it. The report itself is muted: a
 * green build prints no ERROR line, and an expected failure is not news. The analysis is found as Boot finds it,
 * the first of the analyzers registered in {@code spring.factories}, in their order, that knows the failure.
 */
public final class FailedStart {

    private FailedStart() {
    }

    /** Starts the gateway with {@code arguments}, asserts it fails, and returns what Boot reports. */
    public static FailureAnalysis analysisOf(String... arguments) {
        return analysisOf(new SpringApplicationBuilder(GatewayApplication.class), arguments);
    }

    /** As {@link #analysisOf(String...)}, for an application built as {@code application} says. */
    public static FailureAnalysis analysisOf(SpringApplicationBuilder application, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        assertThatThrownBy(() -> application.run(all.toArray(String[]::new))).satisfies(failure::set);
        return analysisOf(failure.get());
    }

    /** The analysis of {@code failure} by the first registered analyzer that recognises it, or null. */
    public static FailureAnalysis analysisOf(Throwable failure) {
        // Analyzers that need arguments (Boot's bean factory-aware ones) are left out: none of them is ours.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }
}
