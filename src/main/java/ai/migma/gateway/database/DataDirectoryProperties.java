package ai.migma.gateway.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir where the embedded PostgreSQL keeps its data when no {@code SPRING_DATASOURCE_URL} is set
 *     ({@code MIGMA_DATA_DIR}; default {@code ~/.migma-gateway/data})
 */
@ConfigurationProperties("migma")
public record DataDirectoryProperties(Path dataDir) {
}
