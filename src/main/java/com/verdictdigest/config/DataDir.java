package com.verdictdigest.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code data.dir}, made when missing and checked before the database or anything else opens files in it. */
public final class DataDir {
    private DataDir() {
    }

    public static void ready(Settings settings) {
        Path dir = settings.get(Keys.DATA_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e instanceof FileAlreadyExistsException ? e.getMessage() + " is a file" : e.getMessage();
            throw new ConfigException("config: data.dir = '" + dir + "' cannot be made into a folder: " + why);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("config: data.dir = '" + dir + "' is not writable by this user");
        }
    }
}
