package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.testing.Browser;
import com.verdictdigest.testing.ServiceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The operator's page in headless Chromium: log in, send the sample week, watch it reach 100%, read the figures. */
class AdminPageBrowserTest {
    @TempDir
    Path dir;
    private ServiceFixture fx;
    private WebDriver browser;

    @BeforeEach
    void setUp() {
        Browser.assumeInstalled();
        fx = new ServiceFixture(dir, 30, 15);
        browser = Browser.open(dir.resolve("chrome"));
    }

    @AfterEach
    void tearDown() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (fx != null) {
                fx.close();
            }
        }
    }

    /** Waits for an element's text to contain {@code expected}: a click's page may still be the old one. */
    private void waitForText(By by, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(by).getText().contains(expected));
    }

    private WebElement row(String week) {
        return browser.findElement(By.cssSelector("tr[data-week='" + week + "']"));
    }

    @Test
    void operatorLogsInSendsTheSampleWeekAndWatchesItGoOut() throws Exception {
        browser.get(fx.base + "/admin");
        browser.findElement(By.id("token")).sendKeys("wrong");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(By.tagName("body"), "That token is not right.");

        browser.findElement(By.id("token")).sendKeys(ServiceFixture.ADMIN_TOKEN);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(By.tagName("h1"), "Editions");
        assertThat(browser.findElement(By.id("next-run")).getText()).matches("Mon \\d{1,2} \\w{3} 20\\d\\d, 09:00 UTC");

        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    WebElement week = d.findElement(By.id("send-week"));
                    week.clear();
                    week.sendKeys("2026-W48");
                    d.findElement(By.id("send-now")).click();
                    return true;
                });
        // The page reloads itself every two seconds from now on: read it between reloads.
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.id("message")).getText().equals("Sending 2026-W48."));

        // The page refreshes itself while sending; the progress bar climbs to 100%.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try {
                return row("2026-W48").findElement(By.className("status")).getText().equals("sent");
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        browser.navigate().refresh();
        WebElement done = row("2026-W48");
        assertThat(done.findElement(By.className("progress")).getText()).isEqualTo("100%");
        assertThat(done.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(done.findElement(By.className("recipients")).getText()).isEqualTo("30");
        assertThat(done.findElement(By.className("sent")).getText()).isEqualTo("30");
        assertThat(done.findElement(By.className("failed")).getText()).isEqualTo("0");
        assertThat(done.findElement(By.className("bounces")).getText()).isEqualTo("0 0.00%");
        assertThat(done.findElement(By.className("complaints")).getText()).isEqualTo("0 0.00%");
        assertThat(browser.findElements(By.id("warnings"))).as("nothing came back: no warning").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#unrecognized tbody tr"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#outbox li"))).hasSize(30);
        assertThat(browser.findElement(By.tagName("svg")).getAttribute("aria-label")).contains("Readers");

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target/admin-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.cssSelector("#outbox li a")).click();
        assertThat(browser.getPageSource()).contains("3 new verdicts this week");
    }
}
