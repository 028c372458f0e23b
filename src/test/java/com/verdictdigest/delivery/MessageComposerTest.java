package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageComposerTest {
    @ParameterizedTest
    @ValueSource(strings = {"plain\nlines\n", "already\r\ncrlf\r\n", "R&D — naïve 日本語 🚀\nend", "\n\nleading", "lone \uD800 surrogate"})
    void canonicalUtf8IsUtf8WithCrlfLineEnds(String text) {
        String expected = text.replace("\r\n", "\n").replace("\n", "\r\n");
        assertThat(MessageComposer.canonicalUtf8(text)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\r\nBcc: victim@example.com", "x\nBcc: victim@example.com", "x\u0000y"})
    void noHeaderValueCanCarryALineBreak(String value) {
        assertThatThrownBy(() -> MessageComposer.header("Subject", value)).isInstanceOf(IllegalArgumentException.class);
    }
}
