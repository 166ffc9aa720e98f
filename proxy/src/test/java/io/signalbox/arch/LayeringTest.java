package io.signalbox.arch;

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
    void theEngineIsNotEmpty() {
        // Guards the rule above against passing vacuously if the import finds nothing.
        org.junit.jupiter.api.Assertions.assertTrue(engine.size() > 20, "imported " + engine.size() + " classes");
    }
}
