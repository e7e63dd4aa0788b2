package ai.migma.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayProcess;
import ai.migma.gateway.support.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar with an asynchronous bulk import under way, stopped by SIGTERM part-way and started again: the
 * job resumes where its last committed step left it and ends with exactly the counts of one import, each contact
 * stored once. Chunks of 10 contacts, one step a second, so the SIGTERM falls between the first and the last.
 */
class BulkImportRestartIT {

    private static final int TOTAL = 100;

    @Test
    void anAsyncImportCompletesExactlyOnceAcrossASigtermAndARestart() throws Exception {
        Map<String, String> database = TestServices.database();
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database.get("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME", database.get("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD", database.get("spring.datasource.password"),
                "MIGMA_JOBS_STEP_DELAY", "1s", "MIGMA_JOBS_POLL_INTERVAL", "200ms",
                "MIGMA_CONTACTS_BULK_SYNC_LIMIT", "10", "MIGMA_CONTACTS_BULK_CHUNK_SIZE", "10"));
        String project;
        String key;
        String jobId;
        try (GatewayProcess first = GatewayProcess.start(List.of(), GatewayProcess.JAR, List.of(), environment,
                Path.of("target/bulk-import-it-first.log"))) {
            GatewayClient client = first.client();
            String account = client.createAccount("enterprise", 10_000);
            project = client.createProject(account, "Shop");
            key = client.createKey(account, "test", "audience:read", "audience:write").get("key").asString();
            // Two known contacts: a chunk imported twice would count its new contacts as updated the second time.
            List<Map<String, Object>> known = List.of(Map.of("email", "c3@example.com", "firstName", "Known"),
                    Map.of("email", "c77@example.com"));
            assertThat(client.call("POST", "/v1/contacts/bulk", key, Map.of("projectId", project,
                    "subscribers", known)).json().at("/data/success").asInt()).isEqualTo(2);

            Reply started = client.call("POST", "/v1/contacts/bulk", key, Map.of("projectId", project,
                    "subscribers", subscribers()));
            assertThat(started.status()).as(started.text()).isEqualTo(200);
            jobId = started.json().at("/data/jobId").asString();
            JsonNode midway = awaitProcessed(client, key, jobId, 20);
            assertThat(midway.get("status").asString()).isEqualTo("processing");
            assertThat(midway.get("result").isNull()).isTrue();
            assertThat(midway.get("completedAt").isNull()).isTrue();

            first.stop();
        }
        int processedAtStop = processed(database, jobId);
        assertThat(processedAtStop).as("stopped part-way").isBetween(20, TOTAL - 10);

        try (GatewayProcess second = GatewayProcess.start(List.of(), GatewayProcess.JAR, List.of(), environment,
                Path.of("target/bulk-import-it-second.log"))) {
            JsonNode job = awaitProcessed(second.client(), key, jobId, TOTAL);

            assertThat(job.get("status").asString()).isEqualTo("completed");
            assertThat(job.get("processed").asInt()).isEqualTo(TOTAL);
            assertThat(job.get("completedAt").isString()).isTrue();
            JsonNode result = job.get("result");
            assertThat(result.get("success").asInt()).isEqualTo(TOTAL - 2 - 1 - 1);
            assertThat(result.get("updated").asInt()).isEqualTo(2 + 1);
            assertThat(result.get("failed").asInt()).isEqualTo(1);
            assertThat(result.get("errors").valueStream().map(JsonNode::asString))
                    .containsExactly("subscribers[55].email must be a valid email address");
        }
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement(
                        "select count(*), count(distinct email) from contacts where project_id = ?")) {
            query.setObject(1, UUID.fromString(project));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(2 + TOTAL - 2 - 1 - 1);
                assertThat(row.getInt(2)).isEqualTo(row.getInt(1));
            }
        }
    }

    /** c0 to c99, but c40 again at 60 (updated) and a broken address at 55 (failed); c3 and c77 exist. */
    private static List<Map<String, Object>> subscribers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            String email = i == 55 ? "broken" : i == 60 ? "c40@example.com" : "c" + i + "@example.com";
            list.add(Map.of("email", email, "tags", List.of("imported")));
        }
        return list;
    }

    private static JsonNode awaitProcessed(GatewayClient client, String key, String jobId, int processed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode job;
        do {
            Reply reply = client.getWithKey("/v1/contacts/bulk/" + jobId, key);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            job = reply.json().get("data");
            if (job.get("processed").asInt() >= processed || !job.get("status").asString().equals("processing")) {
                return job;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job never processed " + processed + ": " + job);
    }

    private static int processed(Map<String, String> database, String jobId) throws Exception {
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement(
                        "select processed from contact_import_jobs where id = ?")) {
            query.setObject(1, UUID.fromString(jobId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Connection connect(Map<String, String> database) throws Exception {
        return DriverManager.getConnection(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password"));
    }
}
