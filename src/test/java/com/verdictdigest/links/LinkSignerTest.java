package com.verdictdigest.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
    private final LinkSigner signer = new LinkSigner("an-example-secret-of-32-bytes-at-least!".getBytes(StandardCharsets.UTF_8));
    private final IsoWeek w48 = IsoWeek.parse("2026-W48");

    @Test
    void signedTokenVerifiesToWhatWasSigned() {
        LinkToken bookmark = new LinkToken(Purpose.BOOKMARK, 4_000_000_000L, w48, 77);
        LinkToken manage = new LinkToken(Purpose.MANAGE, 12, null, 0);
        assertThat(signer.verify(signer.sign(bookmark))).contains(bookmark);
        assertThat(signer.verify(signer.sign(manage))).contains(manage);
    }

    @Test
    void aVoteTokenCarriesItsTool() {
        LinkToken vote = new LinkToken(Purpose.VOTE, 12, w48, 77);
        assertThat(signer.verify(signer.sign(vote))).contains(vote);
    }

    @Test
    void tamperedTruncatedOrForeignTokensAreRefused() {
        String token = signer.sign(new LinkToken(Purpose.UNSUBSCRIBE, 12, w48, 0));
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[2] ^= 1; // another reader's id
        String otherReader = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        raw = Base64.getUrlDecoder().decode(token);
        raw[0] = (byte) (raw[0] & 0xF0 | Purpose.MANAGE.code); // another purpose
        String otherPurpose = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        LinkSigner foreign = new LinkSigner("another-secret-of-32-bytes-at-least!!!!".getBytes(StandardCharsets.UTF_8));

        assertThat(signer.verify(otherReader)).isEmpty();
        assertThat(signer.verify(otherPurpose)).isEmpty();
        assertThat(signer.verify(token.substring(0, token.length() - 2))).isEmpty();
        assertThat(signer.verify(token + "AA")).isEmpty();
        assertThat(signer.verify("not a token!")).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(foreign.verify(token)).isEmpty();
    }

    @Test
    void linksAreShortEnoughForOneTextLine() {
        LinkBuilder links = new LinkBuilder(URI.create("https://verdicts.example"), signer);
        String link = links.link(new LinkToken(Purpose.BOOKMARK, 4_000_000_000L, w48, 4_000_000_000L));
        assertThat(link).startsWith("https://verdicts.example/b/").hasSizeLessThanOrEqualTo(70);
    }

    @Test
    void onlyTheExactTextOfATokenIsAccepted() {
        LinkSigner signer = new LinkSigner("a-secret-for-the-strict-decoding-test".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String token = signer.sign(new LinkToken(Purpose.UNSUBSCRIBE, 42, com.verdictdigest.week.IsoWeek.parse("2026-W48"), 0));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String head = token.substring(0, token.length() - 1);

        org.assertj.core.api.Assertions.assertThat(signer.verify(token)).isPresent();
        for (char c : alphabet.toCharArray()) {
            if (c != token.charAt(token.length() - 1)) {
                org.assertj.core.api.Assertions.assertThat(signer.verify(head + c)).as("last character %s", c).isEmpty();
            }
        }
        org.assertj.core.api.Assertions.assertThat(signer.verify(token + "=")).isEmpty();
        org.assertj.core.api.Assertions.assertThat(signer.verify(token + "==")).isEmpty();
    }
}
