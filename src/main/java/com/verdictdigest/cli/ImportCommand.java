package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.catalog.ImportReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts import [SOURCE...]}: read the site into the catalog. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Read comparison pages into the catalog.",
        "A SOURCE is a page, a folder of pages, an index page (file or http(s) address) whose links are followed,",
        "or 'sample' for the bundled sample site. Default: catalog.source.",
        "Exit status 1 when any page was refused."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Where to read (default: catalog.source).")
    List<String> sources = List.of();

    @Override
    public Integer call() {
        try (App app = root.open()) {
            ImportReport report = app.importer().importFrom(sources);
            root.spec.commandLine().getOut().println(report.summary());
            return report.refused().isEmpty() ? 0 : 1;
        }
    }
}
