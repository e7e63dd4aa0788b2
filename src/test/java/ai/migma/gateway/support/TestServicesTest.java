package ai.migma.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A test database that is named but missing is reported with the command that creates it. */
class TestServicesTest {

    @Test
    void aMissingTestDatabaseIsReportedWithTheCommandThatCreatesIt() {
        Map<String, String> database = TestServices.database();
        String missing = "migma_no_such_database_" + System.nanoTime();
        String url = database.get("spring.datasource.url").replaceFirst("/[^/?]+(\\?|$)", "/" + missing + "$1");

        String problem = TestServices.problemWith(url, database.get("spring.datasource.username"),
                database.get("spring.datasource.password"));

        assertThat(problem).startsWith("The test database " + missing + " does not exist")
                .endsWith("-c 'create database " + missing + "'");
    }

    @Test
    void anExistingTestDatabaseHasNoProblem() {
        Map<String, String> database = TestServices.database();

        assertThat(TestServices.problemWith(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password"))).isEmpty();
    }
}
