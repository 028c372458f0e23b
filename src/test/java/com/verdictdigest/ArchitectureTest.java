package com.verdictdigest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the compiled classes: no package depends on another in a cycle,
 * each uses only the packages the README's layout table allows, protocols stay in their packages,
 * and a reader's status is written by the subscribers' SQL alone.
 */
@AnalyzeClasses(packages = "com.verdictdigest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("com.verdictdigest.(*)..").should().beFreeOfCycles();

    /** The README's "How the code is laid out" table, as a rule. */
    @ArchTest
    static final ArchRule packagesUseOnlyWhatTheLayoutAllows = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("main").definedBy("com.verdictdigest")
            .layer("cli").definedBy("com.verdictdigest.cli..")
            .layer("app").definedBy("com.verdictdigest.app..")
            .layer("bench").definedBy("com.verdictdigest.bench..")
            .layer("admin").definedBy("com.verdictdigest.admin..")
            .layer("web").definedBy("com.verdictdigest.web..")
            .layer("schedule").definedBy("com.verdictdigest.schedule..")
            .layer("alerts").definedBy("com.verdictdigest.alerts..")
            .layer("delivery").definedBy("com.verdictdigest.delivery..")
            .layer("bounces").definedBy("com.verdictdigest.bounces..")
            .layer("editions").definedBy("com.verdictdigest.editions..")
            .layer("digest").definedBy("com.verdictdigest.digest..")
            .layer("subscribers").definedBy("com.verdictdigest.subscribers..")
            .layer("events").definedBy("com.verdictdigest.events..")
            .layer("votes").definedBy("com.verdictdigest.votes..")
            .layer("catalog").definedBy("com.verdictdigest.catalog..")
            .layer("mail").definedBy("com.verdictdigest.mail..")
            .layer("links").definedBy("com.verdictdigest.links..")
            .layer("templates").definedBy("com.verdictdigest.templates..")
            .layer("store").definedBy("com.verdictdigest.store..")
            .layer("config").definedBy("com.verdictdigest.config..")
            .layer("week").definedBy("com.verdictdigest.week..")
            .whereLayer("main").mayOnlyAccessLayers("cli")
            .whereLayer("app").mayOnlyAccessLayers("admin", "alerts", "bounces", "catalog", "config", "delivery", "digest", "editions", "events", "links",
                    "mail", "schedule", "store", "subscribers", "templates", "votes", "web", "week")
            .whereLayer("bench").mayOnlyAccessLayers("app", "bounces", "catalog", "config", "delivery", "digest", "editions",
                    "links", "mail", "store", "subscribers", "week")
            .whereLayer("admin").mayOnlyAccessLayers("bounces", "config", "delivery", "digest", "editions", "events", "mail", "schedule",
                    "subscribers", "templates", "web", "week")
            .whereLayer("web").mayOnlyAccessLayers("config", "digest", "editions", "events", "links", "subscribers", "templates",
                    "votes", "week")
            .whereLayer("alerts").mayOnlyAccessLayers("catalog", "config", "delivery", "digest", "editions", "links", "mail", "store", "subscribers",
                    "templates", "week")
            .whereLayer("schedule").mayOnlyAccessLayers("catalog", "config", "delivery", "editions", "week")
            .whereLayer("bounces").mayOnlyAccessLayers("config", "mail", "store", "subscribers", "week")
            .whereLayer("delivery").mayOnlyAccessLayers("config", "editions", "mail", "store", "subscribers", "week")
            .whereLayer("editions").mayOnlyAccessLayers("catalog", "digest", "links", "mail", "store", "subscribers", "templates",
                    "week")
            .whereLayer("digest").mayOnlyAccessLayers("catalog", "config", "links", "mail", "subscribers", "templates", "week")
            .whereLayer("subscribers").mayOnlyAccessLayers("events", "links", "mail", "store", "templates", "week")
            .whereLayer("events").mayOnlyAccessLayers("store", "week")
            .whereLayer("votes").mayOnlyAccessLayers("events", "store", "week")
            .whereLayer("catalog").mayOnlyAccessLayers("config", "store", "templates")
            .whereLayer("mail").mayOnlyAccessLayers("config", "links", "templates", "week")
            .whereLayer("links").mayOnlyAccessLayers("config", "week")
            .whereLayer("store").mayOnlyAccessLayers("config")
            .whereLayer("templates").mayNotAccessAnyLayer()
            .whereLayer("config").mayNotAccessAnyLayer()
            .whereLayer("week").mayNotAccessAnyLayer();

    /**
     * Sessions, transports, stores and signing are the mail package's (outbound) and the bounces
     * package's (what comes back); reading an address (jakarta.mail.internet) is anyone's.
     */
    @ArchTest
    static final ArchRule onlyMailAndBouncesUseMailProtocols = noClasses()
            .that().resideOutsideOfPackages("com.verdictdigest.mail..", "com.verdictdigest.bounces..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail", "org.eclipse.angus..", "org.simplejavamail..");

    @ArchTest
    static final ArchRule onlyTheWebPartsServeHttp = noClasses()
            .that().resideOutsideOfPackages("com.verdictdigest.web..", "com.verdictdigest.admin..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..");

    private static final Pattern WRITES_SUBSCRIBER =
            Pattern.compile("(?i)\\b(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM|MERGE\\s+INTO)\\s+subscriber\\b");

    /** A reader's status has one door: the subscribers' statements, run by its service with their events. */
    @Test
    void onlyTheSubscribersSqlWritesTheSubscriberTable() throws IOException {
        List<String> writers = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/sql"))) {
            for (Path file : files.toList()) {
                Matcher m = WRITES_SUBSCRIBER.matcher(Files.readString(file));
                while (m.find()) {
                    writers.add(file.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(writers).isNotEmpty().allMatch(w -> w.startsWith("subscribers.sql: "));
    }
}
