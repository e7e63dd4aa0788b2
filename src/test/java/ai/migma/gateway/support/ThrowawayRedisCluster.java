package ai.migma.gateway.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.util.FileSystemUtils;

/**
 * A Redis Cluster of masters only, started for one test by {@code .ci/redis-cluster} (Debian's redis-server and
 * redis-cli) on ports of its own, with its files in a temporary directory: for tests that kill a master, which
 * must leave the shared cluster of {@link TestServices#redisClusterNodes()} alone. A missing redis-server fails
 * the start with the script's sentence. {@link #close()} shuts every node down and deletes the directory.
 */
public final class ThrowawayRedisCluster implements AutoCloseable {

    private static final Path SCRIPT = Path.of(".ci/redis-cluster");

    private final Path directory;
    private final List<Integer> ports;

    private ThrowawayRedisCluster(Path directory, List<Integer> ports) {
        this.directory = directory;
        this.ports = ports;
    }

    /**
     * Three masters on {@code firstPort} and the two ports after it (their bus ports are 10000 above), declaring a
     * silent master failed after {@code nodeTimeout}.
     */
    public static ThrowawayRedisCluster start(int firstPort, Duration nodeTimeout) {
        List<Integer> ports = IntStream.range(firstPort, firstPort + 3).boxed().toList();
        Path directory;
        try {
            directory = Files.createTempDirectory("migma-redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ThrowawayRedisCluster cluster = new ThrowawayRedisCluster(directory, ports);
        try {
            // Down first: nodes an earlier run left up belong to another directory, so restart() would not find
            // their cluster files, and the script would reuse them rather than make the cluster afresh.
            script(Map.of(), "down", null, ports);
            script(Map.of("NODE_TIMEOUT", Long.toString(nodeTimeout.toMillis())), "up", directory, ports);
        } catch (RuntimeException | Error failed) {
            cluster.close();
            throw failed;
        }
        return cluster;
    }

    /** The seeds, as {@code migma.rate-limit.redis-cluster-nodes} takes them. */
    public String nodes() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The port of the master that owns {@code key}'s hash slot. */
    public int masterOf(String key) {
        try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", ports.get(0)));
                StatefulRedisConnection<String, String> connection = client.connect()) {
            Partitions partitions = ClusterPartitionParser.parse(connection.sync().clusterNodes());
            return partitions.getPartitionBySlot(SlotHash.getSlot(key)).getUri().getPort();
        }
    }

    /** SIGKILL for the node on {@code port}: no goodbye to its clients or to the other nodes. */
    public void kill(int port) {
        long pid;
        try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
                StatefulRedisConnection<String, String> connection = client.connect()) {
            pid = Long.parseLong(connection.sync().info("server").lines()
                    .filter(line -> line.startsWith("process_id:")).findFirst().orElseThrow()
                    .substring("process_id:".length()).strip());
        }
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
        node.destroyForcibly();
        node.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The node on {@code port} again, from its own cluster file: it takes back its slots, empty. */
    public void restart(int port) {
        script(Map.of(), "start-node", directory, List.of(port));
    }

    @Override
    public void close() {
        try {
            script(Map.of(), "down", null, ports);
        } finally {
            FileSystemUtils.deleteRecursively(directory.toFile());
        }
    }

    private static void script(Map<String, String> environment, String command, Path directory, List<Integer> ports) {
        List<String> arguments = new ArrayList<>(List.of("bash", SCRIPT.toString(), command));
        if (directory != null) {
            arguments.add(directory.toString());
        }
        ports.forEach(port -> arguments.add(port.toString()));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
