package ai.migma.gateway.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * A port clash names the variable that moves the gateway, which Boot's own report does not. Ordered first, so it
 * is consulted before Boot's analyzer of the same exception.
 */
public final class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis("Port " + cause.getPort() + " is already in use by another process (perhaps"
                + " another gateway).", "Stop that process, or start the gateway on another port with SERVER_PORT,"
                + " e.g. SERVER_PORT=" + (cause.getPort() + 1) + ".", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
