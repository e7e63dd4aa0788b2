package ai.migma.gateway;

import ai.migma.gateway.support.UnitTest;
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

    @Test
    void writesTheModuleDiagramIntoDocs() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml();
    }
}
