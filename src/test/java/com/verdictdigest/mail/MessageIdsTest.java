package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.week.IsoWeek;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private final MessageIds ids = new MessageIds("verdicts.example");

    @Test
    void aDigestIdNamesItsEditionAndReaderAndReadsBackWithOrWithoutBrackets() {
        String id = ids.digest(IsoWeek.parse("2026-W48"), 4217);

        assertThat(id).isEqualTo("digest-2026-W48-4217@verdicts.example");
        MessageIds.DigestCopy copy = new MessageIds.DigestCopy(IsoWeek.parse("2026-W48"), 4217);
        assertThat(ids.parse(id)).contains(copy);
        assertThat(ids.parse(" <" + id + ">")).contains(copy);
        assertThat(ids.parse("<DIGEST-2026-W48-4217@Verdicts.Example>")).isEmpty();
        assertThat(ids.parse("<digest-2026-W48-4217@VERDICTS.EXAMPLE>")).contains(copy);
    }

    @Test
    void idsOfOtherSendersOtherKindsAndImpossibleWeeksAreNotOurs() {
        assertThat(ids.parse("digest-2026-W48-4217@elsewhere.example")).isEmpty();
        assertThat(ids.parse(ids.oneOff("confirm"))).isEmpty();
        assertThat(ids.parse("digest-2026-W54-1@verdicts.example")).isEmpty();
        assertThat(ids.parse("digest-2026-W48-99999999999999999999@verdicts.example")).isEmpty();
        assertThat(ids.parse("")).isEmpty();
    }

    @Test
    void oneOffIdsAreNeverTheSameTwice() {
        assertThat(ids.oneOff("test")).startsWith("test-").endsWith("@verdicts.example").isNotEqualTo(ids.oneOff("test"));
    }
}
