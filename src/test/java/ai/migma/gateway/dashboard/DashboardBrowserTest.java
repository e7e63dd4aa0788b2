package ai.migma.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.Browser;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard in headless Chromium, as an account owner uses it: log in, create a key, copy it once, use it,
 * revoke it. Screenshots of the key list, the reveal dialog and the usage page go to target/screenshots (copied to
 * docs/screenshots for the README).
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.usage.flush-interval=200ms"})
class DashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** One browser for the class (starting Chromium costs seconds); each test begins without its cookies. */
    static ChromeDriver browser;
    static WebDriverWait wait;

    @Autowired
    GatewayClient gateway;
    String account;
    String email;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void ownerAndAFreshSession() {
        account = gateway.createAccount("pro", null);
        gateway.admin("PATCH", "/admin/v1/accounts/" + account, java.util.Map.of("name", "Acme"));
        email = "owner-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(account, email, "correct horse battery");
        browser.get(url("/dashboard/login"));
        browser.manage().deleteAllCookies();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    private void logIn(String who, String password) {
        browser.get(url("/dashboard"));
        wait.until(ExpectedConditions.urlContains("/dashboard/login"));
        browser.findElement(By.id("username")).sendKeys(who);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard/settings/api-integration"));
    }

    @Test
    void ownerCreatesAKeyCopiesItOnceUsesItAndRevokesIt() {
        logIn(email, "correct horse battery");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("API Integration");
        for (WebElement control : browser.findElements(By.cssSelector("input:not([type=hidden]), select"))) {
            assertThat(browser.findElements(By.cssSelector("label[for='" + control.getAttribute("id") + "']")))
                    .as("label of " + control.getAttribute("id")).isNotEmpty();
        }

        browser.findElement(By.id("create-key")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-dialog")));
        dialog.findElement(By.id("key-name")).sendKeys("CI suite");
        dialog.findElement(By.id("permission-audience-read")).click();
        dialog.findElement(By.id("permission-email-read")).click();
        dialog.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement revealed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revealed-key")));
        String key = revealed.getAttribute("value");
        assertThat(key).startsWith("mgma_sk_test_").hasSize(51);
        assertThat(browser.findElement(By.id("reveal-dialog")).getText()).contains("it won’t be shown again");
        screenshot("dashboard-reveal.png");

        assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(200);
        gateway.getWithKey("/v1/webhooks", key); // a 403 for the usage chart
        String keyId = key.substring("mgma_sk_test_".length(), "mgma_sk_test_".length() + 8);

        awaitLastUsed(keyId);
        String list = browser.getPageSource();
        assertThat(list).doesNotContain(key);
        assertThat(browser.findElement(By.cssSelector("#key-" + keyId + " .key-id")).getText())
                .isEqualTo("mgma_sk_test_" + keyId);
        assertThat(browser.findElements(By.cssSelector("#key-" + keyId + " .chips li")).stream()
                .map(WebElement::getText)).containsExactly("audience:read", "email:read");
        screenshot("dashboard-keys.png");

        browser.get(url("/dashboard/api-keys/" + keyId + "/usage"));
        assertThat(browser.findElements(By.cssSelector("#usage-chart rect"))).isNotEmpty();
        // Summed over the rows (the two requests may straddle an hour): requests, success, client errors,
        // forbidden, rate limited, server errors.
        long[] totals = new long[6];
        for (WebElement row : browser.findElements(By.cssSelector("#usage-table tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += Long.parseLong(cells.get(i).getText());
            }
        }
        assertThat(totals).containsExactly(2, 1, 0, 1, 0, 0);
        screenshot("dashboard-usage.png");

        browser.get(url("/dashboard/settings/api-integration"));
        browser.findElement(By.id("revoke-" + keyId)).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("revoke-dialog-" + keyId)));
        assertThat(confirm.getText()).contains("This action cannot be undone");
        confirm.findElement(By.id("confirm-revoke-" + keyId)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "revoked"));
        assertThat(browser.findElement(By.id("key-" + keyId)).getText()).contains("Revoked");

        assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(401);
    }

    /** Reloads the key list until the key's first use has been written (usage is flushed every 200 ms here). */
    private void awaitLastUsed(String keyId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            browser.get(url("/dashboard/settings/api-integration"));
            String lastUsed = browser.findElement(By.cssSelector("#key-" + keyId + " td:nth-child(5)")).getText();
            if (!lastUsed.equals("Never")) {
                assertThat(lastUsed).isEqualTo("Just now");
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Last used never changed from Never");
    }

    @Test
    void anotherAccountsOwnerCanNeitherSeeNorRevokeTheKeys() throws Exception {
        String otherAccount = gateway.createAccount("pro", null);
        String otherEmail = "other-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(otherAccount, otherEmail, "another long password");
        var created = gateway.createKey(account, "test", "audience:read");
        String key = created.get("key").asString();
        String keyId = created.get("id").asString();

        logIn(otherEmail, "another long password");
        assertThat(browser.getPageSource()).doesNotContain(keyId);

        browser.get(url("/dashboard/api-keys/" + keyId + "/revoke"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        browser.get(url("/dashboard/api-keys/" + keyId + "/usage"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");

        // A crafted POST with the other owner's own valid session and CSRF token.
        browser.get(url("/dashboard/settings/api-integration"));
        String csrf = browser.findElement(By.cssSelector("form.logout input[name=_csrf]")).getAttribute("value");
        Cookie session = browser.manage().getCookieNamed("migma_session");
        HttpResponse<String> crafted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/dashboard/api-keys/" + keyId + "/revoke")))
                .header("Cookie", "migma_session=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crafted.statusCode()).isEqualTo(404);

        assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(200);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
