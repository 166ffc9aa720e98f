package io.signalbox.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.signalbox");

    @Test
    void theEngineDependsOnNoDesktopToolkit() {
        noClasses().that().resideInAPackage("io.signalbox..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .because("the proxy module runs headless on servers; only the app module may use a display")
                .check(engine);
    }

    @Test
    void nothingOutsideTheCommandLineDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("io.signalbox.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.signalbox.cli..")
                .because("the command line is one front end over the engine; the desktop app embeds the engine"
                        + " without picocli, so the engine must not reach back into it")
                .check(engine);
    }

    @Test
    void requestEventsDependOnNothingOfOursButCommon() {
        noClasses().that().resideInAPackage("io.signalbox.event..")
                .should().dependOnClassesThat(resideInAPackage("io.signalbox..")
                        .and(not(resideInAnyPackage("io.signalbox.event..", "io.signalbox.common.."))))
                .because("events are the contract listeners (request log, usage recording, the desktop app) build"
                        + " on; they must stay plain data that can change no other part of the engine")
                .check(engine);
    }

    @Test
    void theRequestPathDoesNotDependOnClientConfigurationOrPreflight() {
        noClasses().that().resideInAnyPackage("io.signalbox.route..", "io.signalbox.forward..", "io.signalbox.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.signalbox.client..", "io.signalbox.preflight..")
                .because("the proxy's hot path must not touch the writers of Claude Code / Codex config files or the"
                        + " diagnostic probes: those run on demand, and the proxy must run without them")
                .check(engine);
    }

    @Test
    void theEngineIsNotEmpty() {
        // Guards the rule above against passing vacuously if the import finds nothing.
        org.junit.jupiter.api.Assertions.assertTrue(engine.size() > 20, "imported " + engine.size() + " classes");
    }
}
