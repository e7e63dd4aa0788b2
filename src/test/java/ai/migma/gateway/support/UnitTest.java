package ai.migma.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of classes alone, with fakes and a {@link SettableClock}: no Spring context, no database, no network
 * beyond loopback. {@code ./mvnw test -Dgroups=unit} runs only these, in seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
public @interface UnitTest {
}
