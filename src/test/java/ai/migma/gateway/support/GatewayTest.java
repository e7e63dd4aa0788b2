package ai.migma.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole gateway on a random port, on a real PostgreSQL (see {@link TestServices}), with the admin token
 * {@link GatewayClient#ADMIN_TOKEN}. Tests create their own accounts, so they never depend on what others left.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServices.DatabaseInitializer.class)
@Import(TestServices.class)
@ExtendWith(TestServices.DatabaseCheck.class)
public @interface GatewayTest {

    /** Extra properties, {@code key=value}; the admin token is always set. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN};
}
