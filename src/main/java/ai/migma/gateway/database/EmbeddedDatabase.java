package ai.migma.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries packaged in the jar, listening on loopback only, on a data
 * directory that outlives the process: an existing directory is started as it is, an empty one is initialised.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on {@code dataDirectory}, creating it if need be.
     *
     * @throws EmbeddedDatabaseRefusedException when this process runs as root, which PostgreSQL refuses
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new EmbeddedDatabaseRefusedException("PostgreSQL refuses to run as root, so the embedded database"
                    + " cannot start", "Run the gateway as a regular user, or set SPRING_DATASOURCE_URL (with"
                    + " _USERNAME and _PASSWORD) to a PostgreSQL server.");
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Spring closes the server after the application's own shutdown work (the last usage flush);
                    // a JVM hook of its own would race that work and could stop the server under it.
                    .setRegisterShutdownHook(false)
                    // The first start unpacks the binaries and runs initdb, which takes seconds on a slow disk.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on " + directory
                    + " (if a gateway was killed, its server may still hold the directory: stop it or delete"
                    + " postmaster.pid there once no postgres process uses it)", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, "postgres");
    }

    public String username() {
        return SUPERUSER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (fast mode: open transactions roll back, committed data is on disk). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
