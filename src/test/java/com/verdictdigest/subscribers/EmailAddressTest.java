package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @Test
    void trimsAndLowerCasesTheDomainOnly() {
        EmailAddress a = EmailAddress.parse("  Ada.Lovelace@Example.COM ");
        assertThat(a.value()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(a.key()).isEqualTo("ada.lovelace@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@", "@example.com", "a@b", "a b@example.com", "a@@example.com",
            "a@example.com\r\nBcc: x@example.com", "a@exa\nmple.com", "<a@example.com>", "a@example.com, b@example.com"})
    void refusesWhatIsNotOneMailbox(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(not a valid email address|line break).*");
    }
}
