package ai.migma.gateway.support;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests choose their PostgreSQL: the server named by {@code MIGMA_TEST_DATABASE_URL} when it is set
 * ({@code .ci/run} sets it), a Testcontainers PostgreSQL otherwise. A named server that does not answer fails the
 * context, and so the tests: nothing here skips.
 *
 * <p>Every test context also counts the SQL statements it runs, for the tests that prove a path runs none, and
 * offers a {@link GatewayClient} for its server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServices {

    static final String DATABASE_URL = "MIGMA_TEST_DATABASE_URL";

    /** Statements run through the application's DataSource since the context started. */
    public static final AtomicLong STATEMENTS = new AtomicLong();

    @Bean
    @Conditional(DatabaseNamed.class)
    DynamicPropertyRegistrar namedDatabase() {
        return registry -> {
            registry.add("spring.datasource.url", () -> System.getenv(DATABASE_URL));
            registry.add("spring.datasource.username", () -> env("MIGMA_TEST_DATABASE_USERNAME", "postgres"));
            registry.add("spring.datasource.password", () -> env("MIGMA_TEST_DATABASE_PASSWORD", ""));
        };
    }

    @Bean
    @ServiceConnection
    @Conditional(NoDatabaseNamed.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
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

    static final class DatabaseNamed implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return System.getenv(DATABASE_URL) != null;
        }
    }

    static final class NoDatabaseNamed implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return System.getenv(DATABASE_URL) == null;
        }
    }
}
