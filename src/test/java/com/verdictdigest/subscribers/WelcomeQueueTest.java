package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.schedule.ScheduleWording;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The welcome email: a reader who confirms on the web server is welcomed once, from the queue,
 * with the schedule, the newest issue and their own links, which work on that server.
 */
class WelcomeQueueTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final String SUBJECT = "Welcome to Weekly AI Tool Verdicts";

    @TempDir
    Path dir;
    private WebFixture web;
    private WelcomeQueue welcomes;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 10);
        Templates templates = new Templates(Path.of("templates"));
        EditionArchive archive = new EditionArchive(web.sender.editions, web.sender.digest.catalog,
                new EditionRenderer(templates, DigestFixture.config("UTC")));
        ScheduleWording schedule = new ScheduleWording(new ScheduleConfig("0 0 8 ? * MON", ZoneId.of("Europe/Berlin"),
                Duration.ofHours(6)));
        welcomes = new WelcomeQueue(web.sender.digest.db.dataSource(), web.sender.digest.subscribers, new WelcomeMail(templates,
                web.links, new MessageComposer(SenderFixture.MAIL, Clock.systemUTC()),
                SenderFixture.smtp(web.greenMail.getSmtp().getPort()), "Verdict Digest, 1 Example Street, Berlin",
                () -> schedule.words(Clock.systemUTC().instant()),
                () -> archive.published().stream().findFirst().map(EditionRecord::week)));
    }

    @AfterEach
    void tearDown() {
        welcomes.close();
        web.close();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<MimeMessage> received(String subject) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : web.greenMail.getReceivedMessages()) {
            if (m.getSubject().equals(subject)) {
                found.add(m);
            }
        }
        return found;
    }

    private static String part(MimeMessage m, int index) throws Exception {
        return (String) ((Multipart) m.getContent()).getBodyPart(index).getContent();
    }

    /** Signs up on the form and confirms with the button behind the emailed link, as a reader does. */
    private Subscriber signUpAndConfirm(String email) throws Exception {
        postForm(web.base + "/subscribe", "email=" + email.replace("@", "%40"));
        Poll.until(() -> {
            try {
                return !received("Confirm your subscription to Weekly AI Tool Verdicts").isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10));
        String confirm = part(received("Confirm your subscription to Weekly AI Tool Verdicts").get(0), 0).lines()
                .map(String::strip).filter(l -> l.startsWith(web.base + "/c/")).findFirst().orElseThrow();
        String csrf = Jsoup.parse(get(confirm).body()).selectFirst("input[name=csrf]").attr("value");
        postForm(confirm, "csrf=" + csrf);
        Subscriber reader = web.sender.digest.subscribers.find(EmailAddress.parse(email)).orElseThrow();
        assertThat(reader.status()).isEqualTo(SubscriberStatus.ACTIVE);
        return reader;
    }

    @Test
    void aReaderWhoConfirmsIsWelcomedOnceWithTheScheduleTheLatestIssueAndLinksThatWork() throws Exception {
        web.reader("ada@example.com");
        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(W48);
        Subscriber reader = signUpAndConfirm("new@example.com");
        assertThat(received(SUBJECT)).as("nothing is sent in the confirming request").isEmpty();

        assertThat(welcomes.sendDue()).isTrue();

        List<MimeMessage> welcomed = received(SUBJECT);
        assertThat(welcomed).hasSize(1);
        MimeMessage mail = welcomed.get(0);
        assertThat(mail.getHeader("To", null)).isEqualTo("new@example.com");
        assertThat(mail.getHeader("List-Id", null)).isEqualTo("\"Weekly AI Tool Verdicts\" <weekly.verdicts.example>");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("Message-ID", null)).matches("<welcome-[0-9a-f-]{36}@verdicts\\.example>");
        String listUnsubscribe = jakarta.mail.internet.MimeUtility.unfold(mail.getHeader("List-Unsubscribe", null));
        assertThat(listUnsubscribe).startsWith("<" + web.base + "/u/").endsWith(", <mailto:unsubscribe@verdicts.example?subject=unsubscribe>");
        String unsubscribeUrl = listUnsubscribe.substring(1, listUnsubscribe.indexOf('>'));

        Document html = Jsoup.parse(part(mail, 1));
        assertThat(html.selectFirst("#schedule").text()).isEqualTo("It goes out every Monday at 08:00, Europe/Berlin time, "
                + "to new@example.com.");
        String latest = html.selectFirst("a#latest").attr("href");
        assertThat(latest).isEqualTo(web.base + "/digests/2026-W48");
        assertThat(html.selectFirst("a#latest").text()).isEqualTo("week 48 of 2026");
        assertThat(get(latest).body()).as("the public copy of the issue that went out").contains("3 new verdicts this week");
        String manage = html.selectFirst("a#manage").attr("href");
        assertThat(manage).startsWith(web.base + "/m/");
        HttpResponse<String> managePage = get(manage);
        assertThat(managePage.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(managePage.body()).selectFirst("h1").text()).isEqualTo("Your subscription");
        assertThat(Jsoup.parse(managePage.body()).selectFirst("#status").text()).isEqualTo("active");
        assertThat(html.selectFirst("a#unsubscribe").attr("href")).isEqualTo(unsubscribeUrl);
        assertThat(html.text()).contains("choose the categories you follow, pause the digest, and get alerts");

        String text = part(mail, 0);
        assertThat(text).contains("It goes out every Monday at 08:00, Europe/Berlin time, to new@example.com.",
                "here is the latest issue, week 48 of 2026:", "  " + latest, "  " + manage, "  " + unsubscribeUrl,
                "Verdict Digest, 1 Example Street, Berlin");
        assertThat(text.lines()).as("wrapped for plain-text readers, links whole").allMatch(l -> l.length() <= 78 || l.contains("://"));

        assertThat(welcomes.sendDue()).isTrue();
        assertThat(received(SUBJECT)).as("a second round sends nothing").hasSize(1);

        assertThat(postForm(unsubscribeUrl, "List-Unsubscribe=One-Click").statusCode()).as("RFC 8058 one-click").isEqualTo(200);
        assertThat(web.sender.digest.subscribers.byId(reader.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void beforeTheFirstIssueTheWelcomeSaysSoAndLinksTheArchive() throws Exception {
        web.subscriptions.subscribe(EmailAddress.parse("early@example.com"));
        Subscriber reader = web.sender.digest.subscribers.find(EmailAddress.parse("early@example.com")).orElseThrow();
        web.subscriptions.confirm(reader.id());

        assertThat(welcomes.sendDue()).isTrue();

        MimeMessage mail = received(SUBJECT).get(0);
        Document html = Jsoup.parse(part(mail, 1));
        assertThat(html.selectFirst("a#latest").attr("href")).isEqualTo(web.base + "/digests");
        assertThat(html.text()).contains("No issue has gone out yet");
        assertThat(get(web.base + "/digests").statusCode()).isEqualTo(200);
        assertThat(part(mail, 0)).contains("No issue has gone out yet", "  " + web.base + "/digests");
    }

    @Test
    void aReaderWhoLeavesBeforeTheirTurnGetsNoWelcome() throws Exception {
        Subscriber reader = signUpAndConfirm("gone@example.com");
        web.subscriptions.unsubscribe(reader.id(), EventSource.PAGE, null);

        assertThat(welcomes.sendDue()).isTrue();
        web.subscriptions.resubscribe(reader.id(), EventSource.PAGE, null); // back within the hour: not due again
        assertThat(welcomes.sendDue()).isTrue();

        assertThat(received(SUBJECT)).isEmpty();
    }

    @Test
    void readersTheOperatorAddsOrImportsAreNotWelcomed() throws Exception {
        web.subscriptions.add(EmailAddress.parse("added@example.com"), SubscriberStatus.ACTIVE, EventSource.OPERATOR);
        web.subscriptions.add(EmailAddress.parse("pending@example.com"), SubscriberStatus.PENDING, EventSource.OPERATOR);
        assertThat(web.subscriptions.add(EmailAddress.parse("pending@example.com"), SubscriberStatus.ACTIVE, EventSource.OPERATOR))
                .isEqualTo(SubscriptionService.Added.ACTIVATED);

        assertThat(welcomes.sendDue()).isTrue();

        assertThat(received(SUBJECT)).isEmpty();
    }

    @Test
    void aWelcomeTheRelayRefusedIsTriedAgainAndSentOnce() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean relayUp = new AtomicBoolean(false);
        WelcomeQueue queue = new WelcomeQueue(web.sender.digest.db.dataSource(), web.sender.digest.subscribers, reader -> {
            if (!relayUp.get()) {
                return false;
            }
            sent.add(reader.email());
            return true;
        });
        web.subscriptions.subscribe(EmailAddress.parse("ada@example.com"));
        web.subscriptions.confirm(web.sender.digest.subscribers.find(EmailAddress.parse("ada@example.com")).orElseThrow().id());

        assertThat(queue.sendDue()).as("the relay refused: due again").isFalse();
        relayUp.set(true);
        assertThat(queue.sendDue()).isTrue();
        assertThat(queue.sendDue()).isTrue();

        assertThat(sent).containsExactly("ada@example.com");
    }

    @Test
    void theStartedQueueSendsWithinSecondsOfTheConfirmation() throws Exception {
        welcomes.start();
        signUpAndConfirm("soon@example.com");

        Poll.until(() -> {
            try {
                return received(SUBJECT).size() == 1;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10));
        assertThat(Arrays.stream(web.greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("Confirm your subscription to Weekly AI Tool Verdicts", SUBJECT);
    }
}
