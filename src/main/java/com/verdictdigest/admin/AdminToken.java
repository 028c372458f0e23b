package com.verdictdigest.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file).strip();
                if (stored.length() < 24) {
                    // An empty or short token would be an empty or weak password: refuse to start.
                    throw new IllegalStateException(file + " holds no usable admin token (24+ characters); "
                            + "delete it to have a new one generated");
                }
                return new AdminToken(stored, false);
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            try {
                // Owner-only from the first byte, not chmod-ed after writing.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the folder's own permissions protect it
            }
            Files.writeString(file, token + "\n");
            return new AdminToken(token, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
