package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verdictdigest.config.ConfigException;
import com.verdictdigest.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailConfigTest {
    private static final byte[] SECRET = "verp-secret-verp-secret-verp-secret!".getBytes(StandardCharsets.UTF_8);

    @Test
    void perReaderEnvelopeSendersNeedAReturnPathToAddTheirTokensTo() {
        assertThatThrownBy(() -> MailConfig.from(Settings.load(null, Map.of("VERDICTS_MAIL_RETURN_PATH_VERP", "true")), SECRET))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mail.return-path-verp = true needs mail.return-path");
    }

    @Test
    void theReturnPathIsTheFromAddressUnlessSetAndTheVerpKeyOnlyWhenAskedFor() {
        MailConfig plain = MailConfig.from(Settings.load(null, Map.of()), SECRET);
        assertThat(plain.returnPath()).isEmpty();
        assertThat(plain.verp()).isNull();
        assertThat(plain.envelopeFrom()).isEqualTo("digest@verdicts.example");
        MailConfig verp = MailConfig.from(Settings.load(null, Map.of("VERDICTS_MAIL_RETURN_PATH", "bounces@verdicts.example",
                "VERDICTS_MAIL_RETURN_PATH_VERP", "true")), SECRET);
        assertThat(verp.returnPath()).isEqualTo("bounces@verdicts.example");
        assertThat(verp.verp()).isNotNull();
        assertThat(verp.verp().of(com.verdictdigest.week.IsoWeek.parse("2026-W48"), 7)).startsWith("bounces+");
    }
}
