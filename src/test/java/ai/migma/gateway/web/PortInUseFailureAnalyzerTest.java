package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.FailedStart;
import ai.migma.gateway.support.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A gateway whose port is taken ends in a short report naming SERVER_PORT, with no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseFailureAnalyzerTest {

    @Test
    void aTakenPortEndsInAReportThatNamesServerPortAndNoStackTrace(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            List<String> arguments = new ArrayList<>();
            TestServices.database().forEach((name, value) -> arguments.add("--" + name + "=" + value));
            arguments.add("--server.port=" + taken.getLocalPort());

            FailureAnalysis analysis = FailedStart.analysisOf(arguments.toArray(String[]::new));

            assertThat(analysis.getDescription()).contains("Port " + taken.getLocalPort() + " is already in use");
            assertThat(analysis.getAction()).contains("SERVER_PORT=" + (taken.getLocalPort() + 1));
        }
        assertThat(output.toString()).doesNotContain("\tat ");
    }
}
