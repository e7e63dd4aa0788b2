package ai.migma.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.TestServices;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as a real process: requests made just before a SIGTERM are in the usage statistics after a
 * restart. The flush interval is an hour, so only the shutdown flush can have written them.
 */
class UsageSurvivesSigtermIT {

    @Test
    void requestsJustBeforeSigtermArePresentAfterARestart() throws Exception {
        int port = freePort();
        GatewayClient gateway = new GatewayClient(() -> port);
        String account;
        String keyId;

        Process first = start(port, "first");
        try {
            awaitHealthy(gateway, first);
            account = gateway.createAccount("pro", null);
            JsonNode key = gateway.createKey(account, "test");
            keyId = key.get("id").asString();
            for (int i = 0; i < 7; i++) {
                assertThat(gateway.getWithKey("/v1/projects", key.get("key").asString()).status()).isEqualTo(200);
            }
        } finally {
            first.destroy(); // SIGTERM
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();

        Process second = start(port, "second");
        try {
            awaitHealthy(gateway, second);
            JsonNode data = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId
                    + "/usage?granularity=day", null).json().get("data");
            assertThat(data.get("totalRequests").asLong()).isEqualTo(7);
            assertThat(data.at("/usage/0/success").asLong()).isEqualTo(7);
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Process start(int port, String name) throws IOException {
        File jar = new File("target/migma-gateway-0.1.0-SNAPSHOT.jar");
        assertThat(jar).as("the jar packaged before integration tests").exists();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.getPath());
        Map<String, String> env = builder.environment();
        Map<String, String> database = TestServices.database();
        env.put("SPRING_DATASOURCE_URL", database.get("spring.datasource.url"));
        env.put("SPRING_DATASOURCE_USERNAME", database.get("spring.datasource.username"));
        env.put("SPRING_DATASOURCE_PASSWORD", database.get("spring.datasource.password"));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MIGMA_ADMIN_TOKEN", GatewayClient.ADMIN_TOKEN);
        env.put("MIGMA_USAGE_FLUSH_INTERVAL", "1h");
        env.remove("MIGMA_BOOTSTRAP_KEY");
        builder.redirectErrorStream(true).redirectOutput(new File("target/sigterm-it-" + name + ".log"));
        return builder.start();
    }

    private static void awaitHealthy(GatewayClient gateway, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("gateway process still running").isTrue();
            try {
                if (gateway.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // Connection refused until the server is up.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gateway did not become healthy within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
