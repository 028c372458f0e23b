package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void aTokenIsGeneratedOnceIntoAnOwnerOnlyFileAndShownOnlyThen() throws Exception {
        AdminToken first = AdminToken.resolve("", dir);
        AdminToken again = AdminToken.resolve("", dir);

        assertThat(first.generated()).isTrue();
        assertThat(first.value()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(again.generated()).as("shown once").isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin.token")))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.value());
    }

    @Test
    void aStoredTokenShorterThan24CharactersStopsStartUp() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "short-token-12345678\n");

        assertThatThrownBy(() -> AdminToken.resolve("", dir))
                .hasMessageContaining("holds no usable admin token (24+ characters)")
                .hasMessageNotContaining("short-token");
    }

    @Test
    void aConfiguredTokenIsUsedAndNothingIsWritten() {
        AdminToken token = AdminToken.resolve("configured-token-0123456789abcdef", dir);

        assertThat(token.value()).isEqualTo("configured-token-0123456789abcdef");
        assertThat(token.generated()).isFalse();
        assertThat(dir.resolve("admin.token")).doesNotExist();
    }
}
