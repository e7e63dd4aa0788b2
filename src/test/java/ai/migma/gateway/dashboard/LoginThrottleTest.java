package ai.migma.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.DashboardSession;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's login budgets (5 a minute per email and client, 20 per client, and per email 12 here rather than
 * 30, so that a crowd reaches it with fewer bcrypt checks): paid before the password is checked, so concurrency
 * cannot overdraw them, refunded on success, and shaped so that a stranger
 * cannot keep the owner out. Every "?error" answer is one password checked; "?throttled" is one refused unchecked.
 * Loopback is a trusted proxy here (the same context as AuthFailureThrottleTest), so X-Forwarded-For names the
 * client.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.auth-failures.per-minute=5",
        "migma.trusted-proxies=127.0.0.1,::1", "migma.dashboard.login-failures-per-email=12"})
class LoginThrottleTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String HOME = "/dashboard/settings/api-integration";

    @Autowired
    GatewayClient gateway;
    String email;

    @BeforeEach
    void owner() {
        String account = gateway.createAccount("free", null);
        email = "owner-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(account, email, PASSWORD);
    }

    @Test
    void aHundredConcurrentWrongPasswordsCheckNoMoreThanTheBudgetOfFive() throws Exception {
        String address = "203.0.113.60";
        // One session and its CSRF token for all hundred: the guesses differ only in their password.
        DashboardSession session = from(address);
        String token = session.csrfToken(LoginThrottle.LOGIN);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, String> form = Map.of("username", email, "password", "guess " + i, "_csrf", token);
            outcomes.add(pool.submit(() -> {
                start.await();
                return outcome(session.post(LoginThrottle.LOGIN, form, LoginThrottle.LOGIN, false));
            }));
        }
        start.countDown();
        List<String> seen = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            seen.add(outcome.get());
        }
        pool.shutdown();

        assertThat(seen.stream().filter("error"::equals).count()).isEqualTo(5);
        assertThat(seen.stream().filter("throttled"::equals).count()).isEqualTo(95);
        assertThat(outcome(from(address).login(email, PASSWORD))).isEqualTo("throttled");
    }

    @Test
    void aStrangerGuessingCannotKeepTheOwnerOut() {
        DashboardSession stranger = from("203.0.113.61");
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            guesses.add(outcome(stranger.login(email, "guess " + i)));
        }
        assertThat(guesses.subList(0, 5)).containsOnly("error");
        assertThat(guesses.subList(5, 10)).containsOnly("throttled");

        assertThat(outcome(from("198.51.100.61").login(email, PASSWORD))).isEqualTo("home");
    }

    @Test
    void aCrowdOfClientsIsStoppedByTheEmailsCeiling() {
        // 4 clients, each within its own budgets (5 per email, 20 per client): only the email's 12 can refuse.
        List<String> guesses = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            DashboardSession session = from("192.0.2." + (70 + client));
            for (int i = 0; i < 5; i++) {
                guesses.add(outcome(session.login(email, "guess " + i)));
            }
        }

        // 12, and what refilled meanwhile (one every 5 s).
        assertThat(guesses.stream().filter("error"::equals).count()).isBetween(12L, 14L);
        assertThat(guesses.stream().filter("throttled"::equals).count()).isPositive();
    }

    @Test
    void aSuccessfulLoginGetsItsAttemptBack() {
        String address = "203.0.113.62";
        for (int i = 0; i < 6; i++) {
            assertThat(outcome(from(address).login(email, PASSWORD))).as("login " + i).isEqualTo("home");
        }
        DashboardSession session = from(address);
        for (int i = 0; i < 5; i++) {
            assertThat(outcome(session.login(email, "guess " + i))).isEqualTo("error");
        }
        assertThat(outcome(session.login(email, "guess 5"))).isEqualTo("throttled");
    }

    @Test
    void anIpv6ClientIsOneClientForItsWholeSlash64() {
        for (int i = 1; i <= 5; i++) {
            assertThat(outcome(from("2001:db8:7:7::" + i).login(email, "guess " + i))).isEqualTo("error");
        }

        assertThat(outcome(from("2001:db8:7:7:ffff::9").login(email, "guess 6"))).isEqualTo("throttled");
        assertThat(outcome(from("2001:db8:7:8::1").login(email, "guess 7"))).isEqualTo("error");
    }

    private DashboardSession from(String address) {
        return new DashboardSession(gateway::port, address);
    }

    private static String outcome(HttpResponse<String> login) {
        String location = login.headers().firstValue("Location").orElseThrow();
        if (location.endsWith(HOME)) {
            return "home";
        }
        return location.substring(location.indexOf('?') + 1);
    }
}
