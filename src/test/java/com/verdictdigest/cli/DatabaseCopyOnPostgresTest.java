package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.Main;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.OnPostgres;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.testing.TestPostgres;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Off the embedded default: an H2 database that has sent an edition, copied into PostgreSQL, keeps working there. */
@OnPostgres
class DatabaseCopyOnPostgresTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Map<String, String> env(String url, String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_DB_URL", url);
        env.put("VERDICTS_DB_USER", user);
        env.put("VERDICTS_DB_PASSWORD", password);
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        return env;
    }

    @Test
    void anH2DatabaseThatSentAnEditionKeepsWorkingOnPostgresWithNobodyMailedAgain() throws Exception {
        String h2 = "jdbc:h2:file:" + dir.resolve("h2").resolve("verdicts").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        Subscriber ada;
        try (SenderFixture embedded = new SenderFixture(dir.resolve("h2"), new StoreConfig(h2, "sa", ""))) {
            List<Subscriber> readers = embedded.readers(5, "r", SubscriberStatus.ACTIVE);
            ada = readers.get(0);
            embedded.digest.subscribers.addBookmark(ada.id(), "cursor-3");
            embedded.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(2)).send(W48);
            embedded.subscriptions.unsubscribe(readers.get(4).id(), EventSource.ONE_CLICK, W48);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
        String pg = TestDatabase.url(dir.resolve("pg"));

        Result copied = run(env(h2, "sa", ""), "db", "copy", "--to", pg, "--to-user", TestPostgres.PASSWORD_USER,
                "--to-password", TestPostgres.PASSWORD_USER_PASSWORD);

        assertThat(copied.exit()).as(copied.err()).isZero();
        assertThat(copied.out()).contains("every count matches").containsPattern("subscriber\\s+5\\s+5")
                .containsPattern("delivery\\s+5\\s+5").containsPattern("event\\s+1\\s+1").doesNotContain(TestPostgres.PASSWORD_USER_PASSWORD);
        Result again = run(env(h2, "sa", ""), "db", "copy", "--to", pg, "--to-user", TestPostgres.PASSWORD_USER,
                "--to-password", TestPostgres.PASSWORD_USER_PASSWORD);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip()).startsWith("cannot copy: the target database already holds data").doesNotContain("\n");

        Map<String, String> onPostgres = env(pg, TestPostgres.PASSWORD_USER, TestPostgres.PASSWORD_USER_PASSWORD);
        Result resent = run(onPostgres, "digest", "send", "--week", "2026-W48");
        assertThat(resent.out()).contains("was already sent; nothing sent");
        assertThat(greenMail.getReceivedMessages()).as("nobody mailed again").hasSize(5);
        Result readers = run(onPostgres, "subscribers", "list", "--status", "unsubscribed");
        assertThat(readers.out()).contains("r5@example.com");
        Result added = run(onPostgres, "subscribers", "add", "--active", "new@example.com");
        assertThat(added.exit()).as("new ids come after the copied ones: %s", added.err()).isZero();

        // A link from the mail sent on H2 still opens the reader's page, now served from PostgreSQL.
        String token = new LinkBuilder(DigestFixture.BASE, new LinkSigner(DigestFixture.SECRET))
                .link(new LinkToken(Purpose.MANAGE, ada.id(), W48, 0)).replace(DigestFixture.BASE.toString(), "");
        try (ServiceFixture node = new ServiceFixture(dir.resolve("node"), 0, 0, Map.of("VERDICTS_DB_URL", pg,
                "VERDICTS_DB_USER", TestPostgres.PASSWORD_USER, "VERDICTS_DB_PASSWORD", TestPostgres.PASSWORD_USER_PASSWORD),
                java.time.Clock.systemUTC())) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.base + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).text()).contains("Status: active", "Cursor 3");
        }
    }
}
