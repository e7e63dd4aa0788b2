package ai.migma.gateway.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium for the dashboard's browser tests: Debian's {@code chromium} driven through the
 * {@code chromedriver} of {@code chromium-driver}, both named explicitly so Selenium never downloads anything.
 * {@code MIGMA_TEST_CHROMEDRIVER} / {@code MIGMA_TEST_CHROMIUM} name them (set by {@code .ci/run}: a missing
 * browser then fails the build); without the variables the Debian paths are tried, and a machine without them
 * skips the browser tests with a logged reason.
 */
public final class Browser {

    private static final Logger log = LoggerFactory.getLogger(Browser.class);

    private Browser() {
    }

    public static ChromeDriver start() {
        String driver = executable("MIGMA_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        String chromium = executable("MIGMA_TEST_CHROMIUM", "/usr/bin/chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1366,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String executable(String variable, String debianPath) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            if (!Files.isExecutable(Path.of(named))) {
                throw new AssertionError(variable + "=" + named + " is not an executable file");
            }
            return named;
        }
        if (!Files.isExecutable(Path.of(debianPath))) {
            String reason = "No " + debianPath + " and no " + variable + ": browser tests skipped "
                    + "(apt-get install chromium chromium-driver)";
            log.warn(reason);
            Assumptions.abort(reason);
        }
        return debianPath;
    }
}
