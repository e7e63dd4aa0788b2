package ai.migma.gateway.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused embedded database into Boot's short "APPLICATION FAILED TO START" report, not a stack trace. */
public final class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseRefusedException cause) {
        return new FailureAnalysis(cause.reason() + ".", cause.action(), cause);
    }
}
