package com.verdictdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWithNothingSet() {
        Settings s = Settings.load(null, Map.of());
        assertThat(s.get(Keys.DATA_DIR)).isEqualTo(Path.of("./data"));
        assertThat(s.get(Keys.CATALOG_SOURCE)).isEqualTo("sample");
        assertThat(s.get(Keys.CATALOG_FETCH_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.get(Keys.DIGEST_TIMEZONE)).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path file = write("data.dir=/var/verdicts\ndb.user=alice\ncatalog.max-pages=7\n");

        Settings s = Settings.load(file, Map.of("VERDICTS_DB_USER", "bob", "VERDICTS_CATALOG_MAX_PAGES", "9",
                "PATH", "/usr/bin"));

        assertThat(s.get(Keys.DATA_DIR)).isEqualTo(Path.of("/var/verdicts"));
        assertThat(s.get(Keys.DB_USER)).isEqualTo("bob");
        assertThat(s.get(Keys.CATALOG_MAX_PAGES)).isEqualTo(9);
    }

    @Test
    void withoutASiteBaseUrlLinksUseTheAddressTheServerListensOn() {
        assertThat(SiteAddress.of(Settings.load(null, Map.of("VERDICTS_HTTP_PORT", "9090"))))
                .hasToString("http://127.0.0.1:9090");
        assertThat(SiteAddress.of(Settings.load(null, Map.of("VERDICTS_HTTP_HOST", "0.0.0.0"))))
                .hasToString("http://localhost:8080");
        assertThat(SiteAddress.of(Settings.load(null, Map.of("VERDICTS_HTTP_PORT", "9090",
                "VERDICTS_SITE_BASE_URL", "https://news.example/")))).hasToString("https://news.example");
    }

    @Test
    void aBounceMailboxIsAnImapOrPop3AddressWithAUserAndNeverAPasswordWhichIsNotEchoed() {
        Settings s = Settings.load(null, Map.of("VERDICTS_BOUNCES_MAILBOX", "imaps://bounces%40verdicts.example@mail.example:993/INBOX"));
        assertThat(s.get(Keys.BOUNCES_MAILBOX).getUserInfo()).isEqualTo("bounces@verdicts.example");
        assertThat(Settings.load(null, Map.of()).get(Keys.BOUNCES_MAILBOX)).isNull();

        for (String bad : List.of("imaps://bounces:hunter2-secret@mail.example/INBOX", "https://mail.example/", "imap://mail.example/INBOX")) {
            assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_BOUNCES_MAILBOX", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("bounces.mailbox")
                    .hasMessageNotContaining("hunter2-secret");
        }
    }

    @Test
    void environmentNameUpperCasesAndTurnsDotsAndDashesIntoUnderscores() {
        assertThat(Keys.DB_URL.environmentName()).isEqualTo("VERDICTS_DB_URL");
        assertThat(Keys.CATALOG_MAX_PAGE_BYTES.environmentName()).isEqualTo("VERDICTS_CATALOG_MAX_PAGE_BYTES");
    }

    @Test
    void unknownKeyInFileStopsStartUpNamingIt() throws Exception {
        Path file = write("db.ulr=jdbc:h2:mem:x\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: unknown key 'db.ulr' in " + file);
    }

    @Test
    void unknownEnvironmentVariableWithOurPrefixStopsStartUp() {
        assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_DB_ULR", "x")))
                .hasMessage("config: unknown environment variable VERDICTS_DB_ULR (no configuration key maps to it)");
    }

    @Test
    void trustedProxiesAreKeptInOneSpellingPerAddress() {
        Settings s = Settings.load(null, Map.of("VERDICTS_HTTP_TRUSTED_PROXIES", " 10.0.0.1,::1 , [0:0:0:0:0:0:0:1]"));
        assertThat(s.get(Keys.HTTP_TRUSTED_PROXIES)).containsExactlyInAnyOrder("10.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void badValueNamesKeyValueOriginAndWhatWasExpected() throws Exception {
        Path file = write("catalog.max-pages=lots\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of()))
                .hasMessage("config: catalog.max-pages = 'lots' (from " + file
                        + ") is not valid: expected a whole number from 1 to 100000");
        assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_DIGEST_TIMEZONE", "Mars/Olympus")))
                .hasMessage("config: digest.timezone = 'Mars/Olympus' (from environment variable VERDICTS_DIGEST_TIMEZONE)"
                        + " is not valid: expected an IANA time zone such as UTC or Europe/Berlin");
        assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_DB_URL", "postgres://x")))
                .hasMessageContaining("expected a JDBC URL starting with jdbc:");
        assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_HTTP_TRUSTED_PROXIES", "127.0.0.1, proxy.example")))
                .hasMessageContaining("http.trusted-proxies = '127.0.0.1, proxy.example'")
                .hasMessageContaining("expected IP addresses separated by commas");
        assertThatThrownBy(() -> Settings.load(null, Map.of("VERDICTS_HTTP_TRUSTED_PROXIES", "dead.beef")))
                .as("a host name made of hex letters is still a name, never looked up").hasMessageContaining("expected IP addresses");
    }

    @Test
    void missingConfigFileIsOneClearLine() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> Settings.load(missing, Map.of()))
                .hasMessage("config: file " + missing + " does not exist");
    }

    @Test
    void referenceFileListsEveryKeyWithItsDefaultAndAComment() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("config/verdicts.properties"), StandardCharsets.UTF_8);
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            documented.put(line.substring(0, eq), line.substring(eq + 1));
            if (i == 0 || !lines.get(i - 1).startsWith("#")) {
                uncommented.add(line);
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Keys.ALL.forEach(k -> defaults.put(k.name(), k.defaultValue()));

        assertThat(documented).containsExactlyEntriesOf(defaults);
        assertThat(uncommented).isEmpty();
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("test.properties");
        Files.writeString(file, content);
        return file;
    }
}
