package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.Browser;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A reader's whole journey in a real browser (Debian's headless Chromium, driven through
 * chromium-driver): subscribe on the form, confirm from the mail, bookmark a tool from a received
 * digest, see it on the manage page, and unsubscribe from the footer link; and from a received
 * digest choose what one gets, vote, download one's data and erase it.
 */
class BrowserFlowTest {
    @TempDir
    Path dir;
    private WebFixture web;
    private WebDriver browser;

    @BeforeEach
    void setUp() throws Exception {
        Browser.assumeInstalled();
        web = new WebFixture(dir, 10);
        browser = Browser.open(dir.resolve("chrome"), dir.resolve("downloads"));
    }

    @AfterEach
    void tearDown() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (web != null) {
                web.close();
            }
        }
    }

    private MimeMessage lastMessageTo(String address) throws Exception {
        web.greenMail.waitForIncomingEmail(10_000, 1); // a confirmation leaves from the queue, a moment after the answer
        return Arrays.stream(web.greenMail.getReceivedMessages()).filter(m -> {
            try {
                return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).reduce((a, b) -> b).orElseThrow();
    }

    private static String html(MimeMessage m) throws Exception {
        return (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
    }

    /** The page's heading, once the page has one (a click's navigation may still be under way). */
    private String heading() {
        // While a click's page replaces the old one, Chromium may report the old heading gone in more
        // ways than a stale element: look again until the new page answers.
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElements(By.tagName("h1")).stream().findFirst().map(h -> h.getText()).orElse(null));
    }

    /** Waits until the page's heading is {@code expected}: after a click, the old page may still be showing. */
    private void expectHeading(String expected) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> expected.equals(heading()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected the heading '" + expected + "' on " + browser.getCurrentUrl() + ", got '"
                    + heading() + "'", e);
        }
    }

    private void click(String buttonText) {
        browser.findElements(By.cssSelector("button")).stream().filter(b -> b.getText().equals(buttonText))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + buttonText + "' on " + browser.getCurrentUrl()))
                .click();
    }

    @Test
    void readerSubscribesConfirmsBookmarksManagesAndUnsubscribesByLink() throws Exception {
        browser.get(web.base + "/");
        browser.findElement(By.id("email")).sendKeys("reader@example.com");
        click("Subscribe");
        expectHeading("Check your inbox");

        String confirm = Jsoup.parse(html(lastMessageTo("reader@example.com"))).selectFirst("a[href*=/c/]").attr("href");
        browser.get(confirm);
        expectHeading("Confirm your subscription");
        click("Confirm my subscription");
        expectHeading("You are subscribed");
        var reader = web.sender.digest.subscribers.find(EmailAddress.parse("reader@example.com")).orElseThrow();
        assertThat(reader.status()).isEqualTo(SubscriberStatus.ACTIVE);

        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(IsoWeek.parse("2026-W48"));
        var digest = Jsoup.parse(html(lastMessageTo("reader@example.com")));

        browser.get(digest.selectFirst("a:contains(☆ Bookmark Cursor 3)").attr("href"));
        expectHeading("Save Cursor 3 to your bookmarks?");
        click("Save Cursor 3");
        expectHeading("Saved Cursor 3");

        browser.get(digest.selectFirst("a:contains(Manage your subscription)").attr("href"));
        assertThat(browser.findElement(By.id("bookmarks")).getText()).contains("Cursor 3");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("active");

        browser.get(digest.selectFirst("a:contains(Unsubscribe)").attr("href"));
        expectHeading("Unsubscribe?");
        click("Unsubscribe");
        expectHeading("You are unsubscribed");
        assertThat(web.sender.digest.subscribers.byId(reader.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(web.events.list(null)).extracting(e -> e.kind() + "/" + e.source())
                .containsExactly("subscribe/form", "confirm/page", "bookmark/page", "unsubscribe/page");
    }

    /**
     * From a received digest: the reader follows only Productivity on the manage page and votes ship
     * on Notion AI; the next edition holds only that category's comparison, with the readers' tally.
     */
    @Test
    void readerChoosesWhatTheyGetAndVotesFromTheDigestAndTheNextEditionFollows() throws Exception {
        var ada = web.reader("ada@example.com");
        var others = web.sender.readers(2, "voter", SubscriberStatus.ACTIVE);
        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(IsoWeek.parse("2026-W48"));
        var digest = Jsoup.parse(html(lastMessageTo("ada@example.com")));
        assertThat(digest.select("table.card h2")).hasSize(3);

        browser.get(digest.selectFirst("a:contains(Manage your subscription)").attr("href"));
        browser.findElement(By.cssSelector("input[name=follow][value=some]")).click();
        browser.findElement(By.cssSelector("input[name=category][value=Productivity]")).click();
        browser.findElement(By.id("save-preferences")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("saved")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("input[name=category]:checked")))
                .extracting(e -> e.getAttribute("value")).containsExactly("Productivity");

        browser.get(digest.select("a:contains(Ship it)").stream()
                .filter(a -> a.parents().select("td.col").first().text().contains("Notion AI")).findFirst().orElseThrow().attr("href"));
        expectHeading("Ship or skip Notion AI?");
        browser.findElement(By.id("ship")).click();
        expectHeading("Thank you for voting");
        for (var voter : others) {
            web.votes.cast(voter.id(), "notion-ai", com.verdictdigest.votes.Choice.SKIP, IsoWeek.parse("2026-W48"));
        }

        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(IsoWeek.parse("2026-W47"));
        var next = Jsoup.parse(html(lastMessageTo("ada@example.com")));
        assertThat(next.select("table.card h2").eachText()).containsExactly("Perplexity Pages vs Notion AI");
        assertThat(next.select("p:contains(Readers:)").eachText()).containsExactly("Readers: 33% ship, 3 votes");
        assertThat(web.events.list(null)).extracting(e -> e.kind() + "/" + e.source())
                .contains("preferences/page", "vote/page");

        // Their data: downloaded from the manage page, then erased after the confirmation step.
        browser.get(next.selectFirst("a:contains(Manage your subscription)").attr("href"));
        browser.findElement(By.id("download-data")).click();
        Path file = dir.resolve("downloads/weekly-ai-tool-verdicts-my-data.json");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> Files.exists(file));
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
        assertThat(data.at("/reader/email").asText()).isEqualTo("ada@example.com");
        assertThat(data.at("/preferences/categories").asText()).isEqualTo("Productivity");
        assertThat(data.at("/votes/0/tool_slug").asText()).isEqualTo("notion-ai");
        assertThat(data.get("editions").findValuesAsText("week")).containsExactlyInAnyOrder("2026-W48", "2026-W47");

        browser.findElement(By.id("erase-me")).click();
        expectHeading("Erase your data?");
        assertThat(web.sender.digest.subscribers.byId(ada.id())).as("asking erases nothing").isPresent();
        browser.findElement(By.id("erase-confirm")).click();
        expectHeading("Your data is erased");
        assertThat(web.sender.digest.subscribers.byId(ada.id())).isEmpty();
        assertThat(web.votes.tally("notion-ai").votes()).as("the tally keeps the vote").isEqualTo(3);
        browser.get(next.selectFirst("a:contains(Manage your subscription)").attr("href"));
        expectHeading("This link is not valid");
    }
}
