package ai.migma.gateway.database;

import ai.migma.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The database when none is configured: with no {@code spring.datasource.url} ({@code SPRING_DATASOURCE_URL}),
 * the gateway starts an {@link EmbeddedDatabase} on {@code migma.data-dir} and hands it to Boot as the JDBC
 * connection, so the pool, Flyway and health work as they do on a server. With a URL, nothing here exists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(GatewayProperties gateway, DataDirectoryProperties data,
            ResourceLoader resources) {
        if (gateway.environment() == GatewayProperties.Environment.PRODUCTION) {
            throw new EmbeddedDatabaseRefusedException("MIGMA_ENVIRONMENT=production will not run on the embedded"
                    + " database, which is for development and tests", "Set SPRING_DATASOURCE_URL (with _USERNAME"
                    + " and _PASSWORD) to the PostgreSQL server the gateway should use.");
        }
        EmbeddedBinaries.requirePresent(resources.getClassLoader());
        EmbeddedDatabase database = EmbeddedDatabase.start(data.dataDir(), data.embeddedDatabaseUser());
        log.info("Embedded PostgreSQL on localhost:{}, data in {} (kept across restarts; set MIGMA_DATA_DIR to move"
                + " it). To use a PostgreSQL server instead, set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME"
                + " and SPRING_DATASOURCE_PASSWORD.", database.port(), database.dataDirectory());
        return database;
    }

    @Bean
    JdbcConnectionDetails embeddedDatabaseConnection(EmbeddedDatabase database) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return database.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return database.username();
            }

            @Override
            public String getPassword() {
                return null;
            }
        };
    }

    /** Matches when no datasource URL is configured (a blank one counts as none, as an empty variable would). */
    static final class NoDatabaseConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
