package com.verdictdigest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts demo}: the pipeline on its embedded defaults, for a first look. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Import the bundled sample site and list what the catalog holds.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Override
    public Integer call() {
        int imported = root.spec.commandLine().execute("import", "sample");
        if (imported != 0) {
            return imported;
        }
        return root.spec.commandLine().execute("comparisons", "list");
    }
}
