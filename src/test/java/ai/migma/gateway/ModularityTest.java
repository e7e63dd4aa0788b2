package ai.migma.gateway;

import ai.migma.gateway.support.UnitTest;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The features are Spring Modulith application modules: no cycles, no reach into another's internals. */
@UnitTest
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        MODULES.verify();
    }
}
