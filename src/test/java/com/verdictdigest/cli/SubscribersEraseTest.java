package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.Main;
import com.verdictdigest.testing.Traces;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verdicts subscribers erase} and {@code export-data}, run as the operator runs them, on the embedded database. */
class SubscribersEraseTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, Map.of("VERDICTS_DATA_DIR", dir.resolve("data").toString()), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void eraseForgetsTheReaderEverywhereInTheDataFolderAndAddAndImportThenRefuseTheAddress() throws Exception {
        assertThat(run("subscribers", "add", "--active", "Grace.Hopper@example.com", "cy@example.com").exit()).isZero();
        Result exported = run("subscribers", "export-data", "grace.hopper@example.com");
        assertThat(exported.exit()).as(exported.err()).isZero();
        JsonNode data = new ObjectMapper().readTree(exported.out());
        assertThat(data.at("/reader/email").asText()).isEqualTo("Grace.Hopper@example.com");
        assertThat(data.get("events").findValuesAsText("kind")).containsExactly("subscribe");

        Result erased = run("subscribers", "erase", "grace.hopper@example.com", "nobody@example.com");

        assertThat(erased.exit()).isEqualTo(1);
        assertThat(erased.out()).isEqualTo("erased Grace.Hopper@example.com\n");
        assertThat(erased.err()).isEqualTo("not found: nobody@example.com is not a reader\n");
        assertThat(Traces.inFiles(dir.resolve("data"), "grace.hopper@example.com", null)).isEmpty();

        Result added = run("subscribers", "add", "GRACE.HOPPER@example.com");
        assertThat(added.exit()).isEqualTo(1);
        assertThat(added.err()).isEqualTo("refused: GRACE.HOPPER@example.com was erased at the reader's request (suppression list):"
                + " only their own sign-up adds it again\n");
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "email\ngrace.hopper@example.com\nnew@example.com\n");
        Result imported = run("subscribers", "import", csv.toString());
        assertThat(imported.exit()).isEqualTo(1);
        assertThat(imported.err()).contains("list.csv:2: grace.hopper@example.com was erased at the reader's request");
        assertThat(imported.out()).contains("Import finished: 1 added, 0 activated, 0 already there, 1 refused");
        assertThat(run("subscribers", "erase", "grace.hopper@example.com").out()).isEqualTo("already erased: grace.hopper@example.com\n");
        assertThat(run("subscribers", "export-data", "grace.hopper@example.com").err()).contains("not found: grace.hopper@example.com");
        assertThat(run("events").out()).contains("(erased)");
        assertThat(Traces.inFiles(dir.resolve("data"), "grace.hopper@example.com", null)).isEmpty();
    }
}
