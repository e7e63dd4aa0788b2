package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import ai.migma.gateway.GatewayApplication;
import ai.migma.gateway.support.FailedStart;
import ai.migma.gateway.support.GatewayTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** When the gateway starts an embedded database, and when it refuses to. */
@GatewayTest
class EmbeddedDatabaseConfigurationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void startsNothingEmbeddedWhenADatasourceUrlIsSet() {
        assertThat(context.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
    }

    @Test
    void refusesProductionWithoutADatabaseServerAndSaysWhatToSet() {
        // A blank URL counts as none, as an empty SPRING_DATASOURCE_URL would.
        FailureAnalysis analysis = FailedStart.analysisOf("--server.port=0", "--spring.datasource.url=",
                "--migma.environment=production");

        assertThat(analysis.getDescription())
                .startsWith("MIGMA_ENVIRONMENT=production will not run on the embedded database");
        assertThat(analysis.getAction()).contains("Set SPRING_DATASOURCE_URL");
        assertThat(context.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
    }

    @Test
    void refusesToStartWithoutEmbeddedBinariesAndSaysToSetADatasourceUrl() {
        // The class path of the slim build (pom.xml, profile slim): everything but the binaries' archives.
        ClassLoader slim = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.endsWith(".txz") ? null : super.getResource(name);
            }
        };
        FailureAnalysis analysis = FailedStart.analysisOf(new SpringApplicationBuilder(GatewayApplication.class)
                .resourceLoader(new DefaultResourceLoader(slim)), "--server.port=0", "--spring.datasource.url=");

        assertThat(analysis.getDescription()).contains("this build has no embedded PostgreSQL");
        assertThat(analysis.getAction()).contains("Set SPRING_DATASOURCE_URL");
    }

    @Test
    void theDefaultBuildCarriesEmbeddedPostgresBinaries() {
        assertThatNoException().isThrownBy(() -> EmbeddedBinaries.requirePresent(getClass().getClassLoader()));
    }
}
