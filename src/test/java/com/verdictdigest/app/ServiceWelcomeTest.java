package com.verdictdigest.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.ServiceFixture;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} welcomes a reader who confirms on its pages, on its schedule and time zone, and checks the welcome first. */
class ServiceWelcomeTest {
    private static final String WELCOME = "Welcome to Weekly AI Tool Verdicts";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<MimeMessage> received(GreenMail mail, String subject) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                return false;
            }
        }).findFirst();
    }

    @Test
    void aReaderWhoConfirmsOnTheServedPagesIsWelcomedInTheDigestsTimeZone() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        int port = FreePort.pick();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture fx = new ServiceFixture(dir, 0, 100, Map.of("VERDICTS_HTTP_PORT", String.valueOf(port),
                "VERDICTS_SITE_BASE_URL", base, "VERDICTS_SMTP_HOST", "127.0.0.1",
                "VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()), "VERDICTS_SMTP_TLS", "none",
                "VERDICTS_DIGEST_SCHEDULE", "0 30 7 ? * TUE", "VERDICTS_DIGEST_TIMEZONE", "America/New_York"),
                Clock.systemUTC())) {
            postForm(base + "/subscribe", "email=new%40example.com");
            Poll.until(() -> received(greenMail, "Confirm your subscription to Weekly AI Tool Verdicts").isPresent(),
                    Duration.ofSeconds(10));
            MimeMessage confirmation = received(greenMail, "Confirm your subscription to Weekly AI Tool Verdicts").orElseThrow();
            String confirm = ((String) ((Multipart) confirmation.getContent()).getBodyPart(0).getContent()).lines()
                    .map(String::strip).filter(l -> l.startsWith(base + "/c/")).findFirst().orElseThrow();
            String csrf = Jsoup.parse(get(confirm).body()).selectFirst("input[name=csrf]").attr("value");
            postForm(confirm, "csrf=" + csrf);

            Poll.until(() -> received(greenMail, WELCOME).isPresent(), Duration.ofSeconds(10));
            MimeMessage welcome = received(greenMail, WELCOME).orElseThrow();
            String html = (String) ((Multipart) welcome.getContent()).getBodyPart(1).getContent();
            assertThat(Jsoup.parse(html).selectFirst("#schedule").text())
                    .isEqualTo("It goes out every Tuesday at 07:30, America/New_York time, to new@example.com.");
            assertThat(Jsoup.parse(html).selectFirst("a#latest").attr("href")).isEqualTo(base + "/digests");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aWelcomeTemplateThatFailsPreflightStopsStartUp() throws Exception {
        Path templates = dir.resolve("templates");
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            for (Path from : files.toList()) {
                Path to = templates.resolve(Path.of("templates").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path html = templates.resolve("welcome.html.vm");
        Files.writeString(html, Files.readString(html).replace("href=\"$unsubscribeUrl\"", "href=\"$archiveUrl\""));

        assertThatThrownBy(() -> new ServiceFixture(dir, 0, 100, Map.of("VERDICTS_TEMPLATES_DIR", templates.toString()),
                Clock.systemUTC()))
                .hasMessageContaining("welcome email (templates/welcome.*.vm) failed preflight")
                .hasMessageContaining("no unsubscribe link in the HTML part");
    }
}
