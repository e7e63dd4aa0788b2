package ai.migma.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a real process, for tests of what only a process shows: SIGTERM handling, restarts, the
 * database chosen from the environment. The child gets this JVM's environment minus every database, Redis and
 * bootstrap variable, plus {@code environment}; its output goes to {@code log}.
 */
public final class GatewayProcess implements AutoCloseable {

    /** Where {@code package} leaves the jar; failsafe runs after it. */
    public static final Path JAR = Path.of("target/migma-gateway-0.1.0-SNAPSHOT.jar");

    private static final List<String> INHERITED_SETTINGS = List.of("SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_URL", "MIGMA_BOOTSTRAP_KEY",
            "MIGMA_DATA_DIR", "MIGMA_ENVIRONMENT");

    private final Process process;
    private final GatewayClient client;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.client = new GatewayClient(() -> port);
    }

    /**
     * Starts {@code prefix... java jvmOptions... -jar jar} on a free port with the test admin token and waits until
     * its health is UP. {@code prefix} is empty, or a command that runs the rest as another user.
     */
    public static GatewayProcess start(List<String> prefix, Path jar, List<String> jvmOptions,
            Map<String, String> environment, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // These processes live for seconds: the quick compiler alone starts them about a third sooner.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        INHERITED_SETTINGS.forEach(env::remove);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MIGMA_ADMIN_TOKEN", GatewayClient.ADMIN_TOKEN);
        // Small pools, as in the tests' own contexts: the suite shares one server's connections with other clients.
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "3");
        env.put("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "1");
        env.putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            GatewayProcess started = new GatewayProcess(builder.start(), port);
            started.awaitHealthy(log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GatewayClient client() {
        return client;
    }

    /** Sends SIGTERM and asserts the process ends by itself within 60 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitHealthy(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("gateway process still running (see %s)", log).isTrue();
            try {
                if (client.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // Connection refused until the server is up.
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("gateway did not become healthy within 120 s (see " + log + ")");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
