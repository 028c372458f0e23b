package com.verdictdigest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {
    @TempDir
    Path dir;

    @Test
    void processesStartingAtOnceAllGetTheOneSecretWrittenFirst() throws Exception {
        Path file = dir.resolve("data").resolve("links.secret");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OwnerOnlyFile.Contents>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return OwnerOnlyFile.readOrCreate(file, () -> UUID.randomUUID().toString());
                }));
            }
            go.countDown();
            List<OwnerOnlyFile.Contents> contents = new ArrayList<>();
            for (Future<OwnerOnlyFile.Contents> f : results) {
                contents.add(f.get());
            }

            assertThat(contents.stream().map(OwnerOnlyFile.Contents::text).distinct()).singleElement()
                    .isEqualTo(Files.readString(file).strip());
            assertThat(contents.stream().filter(OwnerOnlyFile.Contents::created)).hasSize(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var left = Files.list(file.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("links.secret");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
