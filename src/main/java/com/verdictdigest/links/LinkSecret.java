package com.verdictdigest.links;

import com.verdictdigest.config.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs links: {@code links.secret} when set, otherwise one generated once and kept in
 * {@code data.dir/links.secret} (owner-only), so links in sent emails stay valid across restarts.
 */
public final class LinkSecret {
    private static final Logger log = LoggerFactory.getLogger(LinkSecret.class);

    private LinkSecret() {
    }

    public static byte[] resolve(String configured, Path dataDir) {
        if (!configured.isEmpty()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("links.secret");
        try {
            OwnerOnlyFile.Contents stored = OwnerOnlyFile.readOrCreate(file, () -> {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                return HexFormat.of().formatHex(secret);
            });
            if (stored.created()) {
                log.info("Generated a link-signing secret in {}", file);
            }
            return HexFormat.of().parseHex(stored.text());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or create the link secret " + file + ": " + e.getMessage(), e);
        }
    }
}
