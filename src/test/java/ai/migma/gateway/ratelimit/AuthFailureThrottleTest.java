package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed authentication is throttled per client address (an IPv6 client per /64); a client with a valid key is not,
 * and a throttled client cannot make the gateway ask the database anything. The test talks from loopback, declared
 * a trusted proxy, so X-Forwarded-For stands for different client addresses. Database lookups are counted by the
 * key directory's timer, which records each one.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.auth-failures.per-minute=5",
        "migma.trusted-proxies=127.0.0.1,::1", "migma.dashboard.login-failures-per-email=12"})
class AuthFailureThrottleTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    MeterRegistry meters;

    private final SecureRandom random = new SecureRandom();

    @Test
    void failedAttemptsFromOneAddressAreThrottledWhileAValidKeyFromItIsNot() {
        String key = gateway.newTestKey();
        String attacker = "203.0.113.7";
        // A key the instance has served: the throttle never stands between it and its requests.
        assertThat(gateway.get("/v1/projects", "Authorization", "Bearer " + key).status()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            Reply refused = gateway.get("/v1/projects", "Authorization", "Bearer guess-" + i,
                    "X-Forwarded-For", attacker);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("X-RateLimit-Limit")).isNull();
        }
        Reply throttled = gateway.get("/v1/projects", "Authorization", "Bearer guess-6", "X-Forwarded-For", attacker);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("error").asString()).isEqualTo("Rate limit exceeded");
        assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.header("Retry-After")).isEqualTo(throttled.json().get("retryAfter").asString());
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", attacker).status()).isEqualTo(429);

        assertThat(gateway.get("/v1/projects", "Authorization", "Bearer " + key, "X-Forwarded-For", attacker)
                .status()).isEqualTo(200);
        assertThat(gateway.get("/v1/projects", "Authorization", "Bearer guess", "X-Forwarded-For", "203.0.113.8")
                .status()).isEqualTo(401);
    }

    @Test
    void aThrottledClientMakesNoDatabaseQueryWhateverKeysItMakesUp() {
        String attacker = "203.0.113.20";
        double before = lookups();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(gateway.get("/v1/projects", "Authorization", "Bearer " + wellFormedUnknownKey(),
                    "X-Forwarded-For", attacker).status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 100)).containsOnly(429);
        assertThat(lookups() - before).isEqualTo(5);
    }

    @Test
    void anUnknownKeyRepeatedFromAHundredAddressesIsLookedUpOnce() {
        String unknown = wellFormedUnknownKey();
        double before = lookups();
        for (int i = 0; i < 100; i++) {
            Reply reply = gateway.get("/v1/projects", "Authorization", "Bearer " + unknown,
                    "X-Forwarded-For", "198.51.100." + i);
            assertThat(reply.status()).isEqualTo(401);
        }

        assertThat(lookups() - before).isEqualTo(1);
    }

    @Test
    void aValidKeyLookedUpForTheFirstTimeCostsNothingFromTheBudget() {
        String address = "203.0.113.30";
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.get("/v1/projects", "Authorization", "Bearer " + gateway.newTestKey(),
                    "X-Forwarded-For", address).status()).isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.get("/v1/projects", "Authorization", "Bearer guess-" + i, "X-Forwarded-For", address)
                    .status()).isEqualTo(401);
        }
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", address).status()).isEqualTo(429);
    }

    @Test
    void aValidKeyArrivingOnManyConnectionsAtOnceBeforeItIsHeldIsNeverThrottled() throws Exception {
        String key = gateway.newTestKey();
        String address = "203.0.113.40";
        int requests = 20;
        double before = lookups();
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (Connection blocker = connect(); Statement lock = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // The first request's lookup waits for the lock, so every other one arrives while the key is not held:
            // four times the budget of an address, all of them paying nothing but the one lookup between them.
            lock.execute("lock table api_keys in access exclusive mode");
            for (int i = 0; i < requests; i++) {
                statuses.add(clients.submit(() -> gateway.get("/v1/projects", "Authorization", "Bearer " + key,
                        "X-Forwarded-For", address).status()));
            }
            awaitLookupWaitingFor(blocker);
            Thread.sleep(500);
            blocker.rollback();
        } finally {
            clients.shutdown();
        }

        for (Future<Integer> status : statuses) {
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(lookups() - before).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.get("/v1/projects", "Authorization", "Bearer guess-" + i, "X-Forwarded-For", address)
                    .status()).isEqualTo(401);
        }
    }

    @Test
    void anIpv6ClientHasOneBudgetForItsWholeSlash64() {
        for (int i = 1; i <= 5; i++) {
            assertThat(gateway.get("/v1/projects", "Authorization", "Bearer guess",
                    "X-Forwarded-For", "2001:db8:5:6::" + Integer.toHexString(i * 4099)).status()).isEqualTo(401);
        }

        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", "2001:db8:5:6:ffff:1:2:3").status())
                .isEqualTo(429);
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", "2001:db8:5:7::1").status()).isEqualTo(401);
    }

    @Test
    void aForwardedAddressWrittenByTheClientIsNotBelieved() {
        String spoofed = "198.51.100.1, 203.0.113.50";
        for (int i = 0; i < 5; i++) {
            gateway.get("/v1/projects", "X-Forwarded-For", spoofed);
        }
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", spoofed).status()).isEqualTo(429);
        // The budget is the rightmost untrusted address's: changing what the client controls does not reset it.
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", "10.9.9.9, 203.0.113.50").status()).isEqualTo(429);
    }

    private String wellFormedUnknownKey() {
        return ApiKeyFormat.generate(KeyEnvironment.TEST, random);
    }

    private static void awaitLookupWaitingFor(Connection blocker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Statement activity = blocker.createStatement()) {
            while (System.nanoTime() < deadline) {
                // Parsing the lookup takes the table's lock already, before pg_stat_activity shows its text.
                try (ResultSet waiting = activity.executeQuery("select count(*) from pg_locks "
                        + "where relation = 'api_keys'::regclass and not granted")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("No key lookup ever waited for the lock");
    }

    private static Connection connect() throws Exception {
        Map<String, String> database = TestServices.database();
        return DriverManager.getConnection(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password"));
    }

    private double lookups() {
        return meters.get("migma.apikey.loads").timer().count();
    }
}
