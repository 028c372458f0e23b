package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private static final byte[] SECRET = "message-id-secret-message-id-secret".getBytes(StandardCharsets.UTF_8);
    private final MessageIds ids = new MessageIds("verdicts.example", SECRET);

    @Test
    void aDigestIdNamesItsEditionAndReaderAndReadsBackWithOrWithoutBrackets() {
        String id = ids.digest(IsoWeek.parse("2026-W48"), 4217);

        assertThat(id).matches("digest-2026-W48-4217-[0-9a-f]{16}@verdicts\\.example").isEqualTo(ids.digest(IsoWeek.parse("2026-W48"), 4217));
        MessageIds.DigestCopy copy = new MessageIds.DigestCopy(IsoWeek.parse("2026-W48"), 4217);
        assertThat(ids.parse(id)).contains(copy);
        assertThat(ids.parse(" <" + id + ">")).contains(copy);
        assertThat(ids.parse("<" + id.replace("digest", "DIGEST") + ">")).isEmpty();
        assertThat(ids.parse("<" + id.replace("verdicts.example", "VERDICTS.EXAMPLE") + ">")).contains(copy);
    }

    @Test
    void anIdWhoseSignatureDoesNotMatchIsNotOursSoItCannotBeGuessed() {
        String id = ids.digest(IsoWeek.parse("2026-W48"), 4217);
        String tag = id.substring(id.lastIndexOf('-') + 1, id.indexOf('@'));

        assertThat(ids.parse(id.replace("-4217-", "-4218-"))).as("another reader, same tag").isEmpty();
        assertThat(ids.parse(id.replace("W48", "W47"))).as("another week, same tag").isEmpty();
        assertThat(ids.parse(id.replace(tag, "0".repeat(16)))).isEmpty();
        assertThat(ids.parse("digest-2026-W48-4217@verdicts.example")).as("unsigned").isEmpty();
        assertThat(new MessageIds("verdicts.example", "another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8))
                .parse(id)).as("another site's key").isEmpty();
    }

    @Test
    void idsOfOtherSendersOtherKindsAndImpossibleWeeksAreNotOurs() {
        String id = ids.digest(IsoWeek.parse("2026-W48"), 4217);
        assertThat(ids.parse(id.replace("verdicts.example", "elsewhere.example"))).isEmpty();
        assertThat(ids.parse(ids.oneOff("confirm"))).isEmpty();
        assertThat(ids.parse("digest-2026-W54-1-0000000000000000@verdicts.example")).isEmpty();
        assertThat(ids.parse("digest-2026-W48-99999999999999999999-0000000000000000@verdicts.example")).isEmpty();
        assertThat(ids.parse("")).isEmpty();
    }

    @Test
    void oneOffIdsAreNeverTheSameTwice() {
        assertThat(ids.oneOff("test")).startsWith("test-").endsWith("@verdicts.example").isNotEqualTo(ids.oneOff("test"));
    }
}
