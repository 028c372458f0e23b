package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpDataTest {

    @Test
    void canonicalMessageIsSentAsItIsWithoutACopy() {
        byte[] message = "Subject: x\r\n\r\nline one\r\nline. two\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SmtpData.of(message)).isSameAs(message);
    }

    @Test
    void linesStartingWithAPeriodGetASecondOne() {
        byte[] message = ".first\r\nmiddle\r\n.\r\n..two\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(SmtpData.of(message), StandardCharsets.US_ASCII))
                .isEqualTo("..first\r\nmiddle\r\n..\r\n...two\r\n");
    }

    /** Seeded random texts of periods, CRs, LFs and letters: the same bytes as Angus's own DATA stream. */
    @ParameterizedTest
    @MethodSource("randomTexts")
    void sameBytesAsAngusSmtpOutputStream(byte[] text) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SMTPOutputStream angus = new SMTPOutputStream(expected);
        angus.write(text);
        angus.ensureAtBOL(); // what Angus does before the final "." line
        assertThat(SmtpData.of(text)).isEqualTo(expected.toByteArray());
    }

    static Stream<byte[]> randomTexts() {
        Random random = new Random(8058);
        byte[] alphabet = {'.', '\r', '\n', 'a', 'b', ' '};
        return IntStream.range(0, 300).mapToObj(i -> {
            byte[] text = new byte[1 + random.nextInt(40)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[random.nextInt(alphabet.length)];
            }
            return text;
        });
    }
}
