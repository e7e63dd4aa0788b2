package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as a real process, stopped by SIGTERM and started again: with no database configured it runs on
 * its embedded PostgreSQL and keeps its data, and the requests made just before the SIGTERM are in the usage
 * statistics after the restart (the flush interval is an hour, so only the shutdown flush can have written them).
 * One pair of starts serves both, since each start of the jar costs seconds. Run as root (as CI runs), it also
 * proves the packaged jar's server runs as the unprivileged user.
 */
class EmbeddedDatabaseIT {

    @Test
    void keepsDataAndTheUsageOfTheLastRequestsAcrossASigtermAndARestart() throws Exception {
        Path home = Files.createTempDirectory("migma-embedded-it");
        try {
            // Open to the unprivileged user a root run's server runs as; the jar's binaries unpack here too.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jar = Files.copy(GatewayProcess.JAR, home.resolve("gateway.jar"));
            Path data = home.resolve("data");
            List<String> jvm = List.of("-Djava.io.tmpdir=" + home);
            Map<String, String> environment = Map.of("MIGMA_DATA_DIR", data.toString(),
                    "MIGMA_USAGE_FLUSH_INTERVAL", "1h");
            Path firstLog = Path.of("target/embedded-it-first.log");

            String account;
            String key;
            String keyId;
            try (GatewayProcess first = GatewayProcess.start(List.of(), jar, jvm, environment, firstLog)) {
                GatewayClient client = first.client();
                account = client.createAccount("pro", null);
                JsonNode created = client.createKey(account, "test");
                key = created.get("key").asString();
                keyId = created.get("id").asString();
                Reply projects = client.getWithKey("/v1/projects", key);
                assertThat(projects.status()).isEqualTo(200);
                JsonNode body = projects.json().get("data");
                assertThat(body.get("projects")).isEmpty();
                assertThat(body.get("total").asInt()).isZero();
                for (int i = 0; i < 6; i++) {
                    assertThat(client.getWithKey("/v1/projects", key).status()).isEqualTo(200);
                }
                first.stop();
            }
            assertThat(Files.readString(firstLog)).contains("Embedded PostgreSQL on localhost:",
                    "data in " + data, "set SPRING_DATASOURCE_URL");
            assertThat(data.resolve("PG_VERSION")).exists();

            try (GatewayProcess second = GatewayProcess.start(List.of(), jar, jvm, environment,
                    Path.of("target/embedded-it-second.log"))) {
                JsonNode usage = second.client().admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId
                        + "/usage?granularity=day", null).json().get("data");
                assertThat(usage.get("totalRequests").asLong()).isEqualTo(7);
                assertThat(usage.at("/usage/0/success").asLong()).isEqualTo(7);
                assertThat(second.client().getWithKey("/v1/projects", key).status()).isEqualTo(200);
            }
        } finally {
            FileSystemUtils.deleteRecursively(home);
        }
    }
}
