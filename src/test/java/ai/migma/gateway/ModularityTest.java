package ai.migma.gateway;

import ai.migma.gateway.support.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features are Spring Modulith application modules: no cycles, no reach into another's internals. The module
 * diagram (docs/modules/components.puml) is written from the same model on every run, so it cannot drift.
 */
@UnitTest
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        MODULES.verify();
    }

    /**
     * Modulith writes the diagram's lines in an order that changes from run to run: it is written into {@code target}
     * and copied into docs only when its lines differ, so a test run leaves the tree clean unless modules changed.
     */
    @Test
    void writesTheModuleDiagramIntoDocs() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modules"))
                .writeModulesAsPlantUml();
        Path written = Path.of("target/modules/components.puml");
        Path kept = Path.of("docs/modules/components.puml");
        if (!Files.exists(kept) || !sortedLines(written).equals(sortedLines(kept))) {
            Files.copy(written, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }
}
