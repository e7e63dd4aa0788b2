package ai.migma.gateway.support;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests choose their services: the PostgreSQL and Redis named by {@code MIGMA_TEST_DATABASE_URL} and
 * {@code MIGMA_TEST_REDIS_URL} when they are set ({@code .ci/run} sets both), Testcontainers otherwise (one
 * container of each per test run). A named service that does not answer fails the tests: nothing here skips.
 *
 * <p>Every test context also counts the SQL statements it runs, for the tests that prove a path runs none, and
 * offers a {@link GatewayClient} for its server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServices {

    /** Statements run through the application's DataSource since the context started. */
    public static final AtomicLong STATEMENTS = new AtomicLong();

    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> redis;

    /** {@code spring.datasource.*} of the test database. */
    public static synchronized Map<String, String> database() {
        String url = System.getenv("MIGMA_TEST_DATABASE_URL");
        if (url != null) {
            return Map.of("spring.datasource.url", url,
                    "spring.datasource.username", env("MIGMA_TEST_DATABASE_USERNAME", "postgres"),
                    "spring.datasource.password", env("MIGMA_TEST_DATABASE_PASSWORD", ""));
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
        if (redis == null) {
            redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
        }
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    @Bean
    DynamicPropertyRegistrar testDatabase() {
        return registry -> database().forEach((name, value) -> registry.add(name, () -> value));
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
                            .afterQuery((execution, queries) -> STATEMENTS.addAndGet(queries.size()))
                            .build();
                }
                return bean;
            }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
