package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.GatewayApplication;
import ai.migma.gateway.support.GatewayTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** When the gateway starts an embedded database, and when it refuses to. */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseConfigurationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void startsNothingEmbeddedWhenADatasourceUrlIsSet() {
        assertThat(context.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
    }

    @Test
    void refusesProductionWithoutADatabaseServerAndSaysWhatToSet(CapturedOutput output) {
        // A blank URL counts as none, as an empty SPRING_DATASOURCE_URL would.
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--spring.datasource.url=", "--migma.environment=production"))
                .rootCause()
                .isInstanceOf(EmbeddedDatabaseRefusedException.class)
                .hasMessageContaining("MIGMA_ENVIRONMENT=production will not run on the embedded database");
        assertThat(output).contains("APPLICATION FAILED TO START", "Set SPRING_DATASOURCE_URL");
        assertThat(context.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
    }

    @Test
    void refusesToStartWithoutEmbeddedBinariesAndSaysToSetADatasourceUrl(CapturedOutput output) {
        // The class path of the slim build (pom.xml, profile slim): everything but the binaries' archives.
        ClassLoader slim = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.endsWith(".txz") ? null : super.getResource(name);
            }
        };
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .resourceLoader(new DefaultResourceLoader(slim))
                .run("--server.port=0", "--spring.datasource.url="))
                .rootCause()
                .isInstanceOf(EmbeddedDatabaseRefusedException.class)
                .hasMessageContaining("this build has no embedded PostgreSQL");
        assertThat(output).contains("APPLICATION FAILED TO START", "Set SPRING_DATASOURCE_URL");
    }

    @Test
    void theDefaultBuildCarriesEmbeddedPostgresBinaries() {
        assertThatNoException().isThrownBy(() -> EmbeddedBinaries.requirePresent(getClass().getClassLoader()));
    }
}
