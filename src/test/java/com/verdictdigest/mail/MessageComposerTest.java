package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageComposerTest {
    @ParameterizedTest
    @ValueSource(strings = {"x\r\nBcc: victim@example.com", "x\nBcc: victim@example.com", "x\u0000y"})
    void noHeaderValueCanCarryALineBreak(String value) {
        assertThatThrownBy(() -> MessageComposer.header("Subject", value)).isInstanceOf(IllegalArgumentException.class);
    }
}
