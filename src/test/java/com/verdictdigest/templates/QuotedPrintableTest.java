package com.verdictdigest.templates;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotedPrintableTest {
    private static String decode(byte[] encoded) throws Exception {
        return new String(MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes(),
                StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain line\r\n", "a=b  trailing  \r\nnext", "R&D — naïve 日本語 🚀\r\n",
            "<td style=\"padding:6px 8px;border-bottom:1px solid #e5e7eb;white-space:nowrap\">long line that goes past seventy-six characters for sure</td>\r\n",
            "tab\tend\t\r\n", ".leading dot\r\n", ""})
    void segmentsRoundTripAndKeepLinesShort(String text) throws Exception {
        byte[] encoded = QuotedPrintable.encode(text);
        assertThat(decode(encoded)).isEqualTo(text);
        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".leading dot\r\n.\r\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..... a soft break lands on the periods\r\n"})
    void noEncodedLineStartsWithAPeriodSoSmtpNeedsNoDotStuffing(String text) throws Exception {
        byte[] encoded = QuotedPrintable.encode(text);
        assertThat(decode(encoded)).isEqualTo(text);
        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line).doesNotStartWith(".");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"first half ", "no line end", "ends with =", "ü"})
    void separatelyEncodedSegmentsConcatenate(String first) throws Exception {
        String second = "https://verdicts.example/u/AbC-_xyz\r\nthen more text";
        QuotedPrintable.Sink out = new QuotedPrintable.Sink(64);
        QuotedPrintable.encode(first, out);
        QuotedPrintable.encode(second, out);
        assertThat(decode(out.toByteArray())).isEqualTo(first + second);
    }
}
