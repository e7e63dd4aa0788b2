package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.FailedStart;
import ai.migma.gateway.support.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A cluster seed that is not a Redis URI ends the start with a sentence naming it, and never its password. */
class RedisClusterNodesSettingTest {

    @Test
    void aSeedThatIsNotARedisUriEndsTheStartNamingItWithoutItsPassword() {
        FailureAnalysis analysis = FailedStart.analysisOf(arguments("redis://127.0.0.1:7001, :s3cret@10.0.0.2:7001"));

        assertThat(analysis.getDescription()).contains("migma.rate-limit.redis-cluster-nodes: '10.0.0.2:7001' is not"
                + " a redis://host:port").doesNotContain("s3cret");
    }

    @Test
    void aSeedWithoutAPortEndsTheStart() {
        FailureAnalysis analysis = FailedStart.analysisOf(arguments("redis://10.0.0.1"));

        assertThat(analysis.getDescription()).contains("'redis://10.0.0.1' is not a redis://host:port");
    }

    private static String[] arguments(String nodes) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--migma.rate-limit.backend=redis",
                "--migma.rate-limit.redis-cluster-nodes=" + nodes));
        for (Map.Entry<String, String> setting : TestServices.database().entrySet()) {
            arguments.add("--" + setting.getKey() + "=" + setting.getValue());
        }
        return arguments.toArray(String[]::new);
    }
}
