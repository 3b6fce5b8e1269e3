package dev.blackbox.app.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from the operating system's packages (Debian's {@code chromium} and
 * {@code chromium-driver}), named explicitly so Selenium never looks for a driver online. Where they
 * are missing the browser tests are skipped, except in CI ({@code CI=true}), where they fail.
 */
final class Browsers {

    private static final Path CHROMIUM = Path.of(System.getProperty("blackbox.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("blackbox.chromedriver", "/usr/bin/chromedriver"));

    private Browsers() {
    }

    static ChromeDriver open() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as("chromium and chromium-driver must be installed in CI (.ci/run installs them): %s, %s",
                    CHROMIUM, DRIVER).isTrue();
        }
        assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--lang=en");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium's sandbox refuses to run as root (containers, CI runners).
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 900));
        return driver;
    }
}
