package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * As root (CI, containers), the embedded PostgreSQL starts anyway, run by the unprivileged user on a data
 * directory that user owns. Skipped, and counted as skipped, when the tests do not run as root.
 */
class EmbeddedDatabaseAsRootTest {

    private static final int NOBODY = 65534;

    private Path home;

    @BeforeEach
    void onlyAsRoot() throws Exception {
        Assumptions.assumeTrue(EmbeddedDatabase.runningAsRoot(), "runs only as root (CI does): these tests are"
                + " about a root process");
        home = Files.createTempDirectory("migma-root-test");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeHome() throws Exception {
        if (home != null) {
            FileSystemUtils.deleteRecursively(home);
        }
    }

    @Test
    void startsAsRootWithTheServerRunByNobodyOnADataDirectoryNobodyOwns() throws Exception {
        Path data = home.resolve("data");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER);
                Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet backend = statement.executeQuery(
                        "select pg_backend_pid(), current_setting('data_directory')")) {
            assertThat(backend.next()).isTrue();
            assertThat(backend.getString(2)).isEqualTo(data.toString());
            assertThat(Files.readAllLines(Path.of("/proc", backend.getString(1), "status")))
                    .anyMatch(line -> line.matches("Uid:\\s+" + NOBODY + "\\s+" + NOBODY + "\\s.*"));
            assertThat(Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(NOBODY);
        }
    }

    @Test
    void keepsItsDataAcrossARestartAsRoot() throws Exception {
        Path data = home.resolve("data");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER);
                Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
            connection.createStatement().execute("create table kept (id int); insert into kept values (42)");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER);
                Connection connection = DriverManager.getConnection(database.jdbcUrl());
                ResultSet kept = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void refusesADataDirectoryTheServersUserCannotReachAndSaysWhereToPutIt() throws Exception {
        Path closed = Files.createDirectory(home.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> EmbeddedDatabase.start(closed.resolve("data"), EmbeddedDatabase.DEFAULT_USER))
                .isInstanceOf(EmbeddedDatabaseRefusedException.class)
                .hasMessageContaining("runs as user nobody")
                .hasMessageContaining("cannot reach " + closed.resolve("data"))
                .hasMessageContaining("Set MIGMA_DATA_DIR");
    }

    @Test
    void refusesAUserThatDoesNotExistAndSaysWhichSettingNamesIt() {
        assertThatThrownBy(() -> EmbeddedDatabase.start(home.resolve("data"), "no-such-user-here"))
                .isInstanceOf(EmbeddedDatabaseRefusedException.class)
                .hasMessageContaining("There is no user no-such-user-here")
                .hasMessageContaining("MIGMA_EMBEDDED_DATABASE_USER");
    }

    @Test
    void binariesAreTrustedOnlyWhenRootOwnsThemAndNobodyElseMayWrite() throws Exception {
        Path binaries = Files.createDirectory(home.resolve("binaries"));
        assertThat(PrivilegeDroppingPostgres.trusted(binaries)).isTrue();

        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PrivilegeDroppingPostgres.trusted(binaries)).isFalse();

        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(binaries, "unix:uid", NOBODY);
        assertThat(PrivilegeDroppingPostgres.trusted(binaries)).isFalse();

        Path link = Files.createSymbolicLink(home.resolve("link"), Path.of("/usr"));
        assertThat(PrivilegeDroppingPostgres.trusted(link)).isFalse();
    }

    @Test
    void aLockFileTheUserReplacedWithALinkIsNotOpenedByRoot() throws Exception {
        Path data = home.resolve("data");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER)) {
            // Started once, so the directory exists and is the user's.
        }
        Path target = Files.createFile(home.resolve("root-only"));
        Files.delete(data.resolve("epg-lock"));
        Files.createSymbolicLink(data.resolve("epg-lock"), target);

        assertThatThrownBy(() -> EmbeddedDatabase.start(data, EmbeddedDatabase.DEFAULT_USER).close())
                .isInstanceOf(Exception.class);
        assertThat(Files.size(target)).isZero();
    }
}
