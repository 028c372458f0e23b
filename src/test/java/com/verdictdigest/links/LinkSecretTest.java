package com.verdictdigest.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkSecretTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedSecretIsKeptOwnerOnlySoLinksStayValidAcrossRestarts() throws Exception {
        byte[] first = LinkSecret.resolve("", dir);
        byte[] afterRestart = LinkSecret.resolve("", dir);

        assertThat(first).hasSize(32);
        assertThat(afterRestart).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("links.secret")))).isEqualTo("rw-------");
        LinkToken token = new LinkToken(Purpose.UNSUBSCRIBE, 7, null, 0);
        assertThat(new LinkSigner(afterRestart).verify(new LinkSigner(first).sign(token))).contains(token);
    }

    @Test
    void aConfiguredSecretIsUsedAsItIsAndNothingIsWritten() {
        assertThat(LinkSecret.resolve("a-configured-secret-of-32-characters!", dir))
                .isEqualTo("a-configured-secret-of-32-characters!".getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve("links.secret")).doesNotExist();
    }
}
