package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.FailedStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;

/** A second gateway on a data directory another one's embedded PostgreSQL holds says so, without a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryInUseTest {

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefusedWithWhatToDoAndNoStackTrace(CapturedOutput output)
            throws Exception {
        Path home = Files.createTempDirectory("migma-in-use");
        // Open to the unprivileged user a root run's server runs as.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = home.resolve("data");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER)) {
            FailureAnalysis analysis = FailedStart.analysisOf("--server.port=0", "--spring.datasource.url=",
                    "--migma.data-dir=" + data);

            assertThat(analysis.getDescription()).isEqualTo("The data directory " + data + " is in use by another"
                    + " gateway's embedded PostgreSQL.");
            assertThat(analysis.getAction()).contains("Stop that gateway", "MIGMA_DATA_DIR");
        } finally {
            FileSystemUtils.deleteRecursively(home);
        }
        assertThat(output.toString()).doesNotContain("\tat ");
    }
}
