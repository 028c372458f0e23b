package com.verdictdigest.admin;

import com.verdictdigest.config.OwnerOnlyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's bearer token: {@code admin.token}, or one generated at first start and kept in
 * {@code data.dir/admin.token} (owner-only). Only a freshly generated token is ever shown, once.
 */
public record AdminToken(String value, boolean generated) {

    public static AdminToken resolve(String configured, Path dataDir) {
        if (!configured.isEmpty()) {
            return new AdminToken(configured, false);
        }
        Path file = dataDir.resolve("admin.token");
        OwnerOnlyFile.Contents stored;
        try {
            stored = OwnerOnlyFile.readOrCreate(file, AdminToken::generate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
        if (stored.text().length() < 24) {
            // An empty or short token would be an empty or weak password: refuse to start.
            throw new IllegalStateException(file + " holds no usable admin token (24+ characters); "
                    + "delete it to have a new one generated");
        }
        return new AdminToken(stored.text(), stored.created());
    }

    private static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
