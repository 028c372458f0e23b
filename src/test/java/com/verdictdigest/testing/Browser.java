package com.verdictdigest.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through chromium-driver. Where they are not installed the
 * browser tests are skipped with a line saying how to get them, unless the environment variable
 * {@code REQUIRE_BROWSER_TESTS} is {@code true} (as {@code .ci/run} sets it): then they fail.
 */
public final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Call first in a browser test's set-up, before it starts anything. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        String missing = "Chromium and its driver are not installed (" + CHROMIUM + ", " + DRIVER + ")";
        String install = "sudo apt-get install chromium chromium-driver";
        if (!installed && "true".equals(System.getenv("REQUIRE_BROWSER_TESTS"))) {
            throw new IllegalStateException(missing + " and REQUIRE_BROWSER_TESTS=true requires the browser tests: " + install);
        }
        Assumptions.assumeTrue(installed, missing + ": browser test skipped; to run it: " + install);
    }

    public static WebDriver open(Path profile) {
        return open(profile, profile.resolveSibling("downloads"));
    }

    /** @param downloads where files the pages answer as attachments are saved, without asking */
    public static WebDriver open(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toString());
        // Without the background-networking flags Chromium reaches for Google's hosts at every start.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        // A click that submits a form returns before the next page is there: look for elements a while.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }
}
