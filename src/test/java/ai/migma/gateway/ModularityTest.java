package ai.migma.gateway;

import ai.migma.gateway.support.UnitTest;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features are Spring Modulith application modules: no cycles, no reach into another's internals. The module
 * diagrams in docs/modules are written from the same model on every run, so they cannot drift from the code.
 */
@UnitTest
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagramsIntoDocs() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
    }
}
