package io.lockstep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the core (pattern, clock, transport, schedule) pure: no frameworks, no I/O, no reading the system clock. */
class ArchitectureTest {

    private static final String[] CORE = {"io.lockstep.pattern..", "io.lockstep.clock..", "io.lockstep.transport..",
            "io.lockstep.schedule.."};

    private static final JavaClasses LOCKSTEP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lockstep");

    @Test
    void theCoreUsesNoFrameworkNetworkOrFiles() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.vaadin..", "tools.jackson..", "com.illposed..",
                        "java.net..", "java.nio.channels..", "java.nio.file..", "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(LOCKSTEP);
    }

    @Test
    void theCoreDependsOnNoEdgeFeature() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.lockstep.room..", "io.lockstep.sync..", "io.lockstep.engine..", "io.lockstep.ui..",
                        "io.lockstep.cluster..")
                .check(LOCKSTEP);
    }

    @Test
    void onlyTheServerClockReadsTheSystemClock() {
        noClasses().that().resideInAnyPackage(CORE).and().doNotHaveSimpleName("ServerClock")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(LOCKSTEP);
    }
}
