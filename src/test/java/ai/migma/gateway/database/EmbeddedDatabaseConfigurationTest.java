package ai.migma.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.FailedStart;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContext;

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
}
