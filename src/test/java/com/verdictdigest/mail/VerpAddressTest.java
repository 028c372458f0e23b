package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class VerpAddressTest {
    private static final byte[] SECRET = "verp-secret-verp-secret-verp-secret!".getBytes(StandardCharsets.UTF_8);
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private final VerpAddress verp = new VerpAddress("bounces@verdicts.example", SECRET);

    @Test
    void anAddressNamesItsEditionAndReaderInAnyCaseAndWithinALocalPartsLength() {
        String address = verp.of(W48, 123_456_789_012L);

        assertThat(address).matches("bounces\\+[0-9a-f]{30}@verdicts\\.example");
        assertThat(address.substring(0, address.indexOf('@')).length()).isLessThanOrEqualTo(64); // RFC 5321 section 4.5.3.1.1
        MessageIds.DigestCopy copy = new MessageIds.DigestCopy(W48, 123_456_789_012L);
        assertThat(verp.parse(address)).contains(copy);
        assertThat(verp.parse("<" + address.toUpperCase(Locale.ROOT) + ">")).as("servers that change case").contains(copy);
        assertThat(verp.parse(verp.of(IsoWeek.parse("2099-W53"), 1))).contains(new MessageIds.DigestCopy(IsoWeek.parse("2099-W53"), 1));
    }

    @Test
    void aTokenNotSignedWithOurKeyOrAlteredNamesNobody() {
        String address = verp.of(W48, 42);
        String token = address.substring("bounces+".length(), address.indexOf('@'));
        char last = token.charAt(token.length() - 1);
        String altered = address.replace(token, token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'));

        assertThat(verp.parse(altered)).isEmpty();
        assertThat(new VerpAddress("bounces@verdicts.example", "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8))
                .parse(address)).isEmpty();
        assertThat(verp.parse(address.replace("@verdicts.example", "@elsewhere.example"))).isEmpty();
        assertThat(verp.parse(address.replace("bounces+", "other+"))).isEmpty();
        assertThat(verp.parse("bounces@verdicts.example")).isEmpty();
        assertThat(verp.parse("bounces+zz" + token.substring(2) + "@verdicts.example")).isEmpty();
    }

    @Test
    void whatATokenCannotHoldIsRefusedRatherThanWrappedIntoAnotherReader() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verp.of(W48, 1L << 40)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VerpAddress("a".repeat(34) + "@verdicts.example", SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThat(new VerpAddress("a".repeat(33) + "@verdicts.example", SECRET).of(W48, 1).indexOf('@')).isEqualTo(64);
    }
}
