package ai.migma.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The features are Spring Modulith application modules: no cycles, no reach into another's internals. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        MODULES.verify();
    }
}
