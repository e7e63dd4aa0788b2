package ai.migma.gateway.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataDir where the embedded PostgreSQL keeps its data when no {@code SPRING_DATASOURCE_URL} is set
 *     ({@code MIGMA_DATA_DIR}; default {@code ~/.migma-gateway/data}, or {@code /var/lib/migma-gateway/data} for
 *     root, whose home the server's user cannot enter)
 * @param embeddedDatabaseUser the unprivileged user a root process runs the embedded PostgreSQL as, since
 *     PostgreSQL refuses root ({@code MIGMA_EMBEDDED_DATABASE_USER}; default {@code nobody}); unused otherwise
 */
@ConfigurationProperties("migma")
public record DataDirectoryProperties(Path dataDir,
        @DefaultValue(EmbeddedDatabase.DEFAULT_USER) String embeddedDatabaseUser) {

    public DataDirectoryProperties {
        if (dataDir == null) {
            dataDir = EmbeddedDatabase.defaultDataDirectory();
        }
    }
}
