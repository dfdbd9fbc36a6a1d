package io.taskbridge.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromedriver: both paths are given, so Selenium
 * never looks for (or downloads) a browser or a driver. Missing, the test fails under CI=true
 * ({@code .ci/run} installs them) and is skipped, with the reason, on a developer's machine.
 */
final class Chromium {
    static final String BROWSER = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    private Chromium() {}

    static WebDriver start(Path profile) throws java.io.IOException {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        String missing = "Chromium or chromedriver is missing (" + BROWSER + ", " + DRIVER
                + "); install them with: apt-get install -y chromium chromium-driver";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing + " (CI=true: the browser test must run in CI)");
        }
        Assumptions.assumeTrue(present, missing + " - skipping the browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
