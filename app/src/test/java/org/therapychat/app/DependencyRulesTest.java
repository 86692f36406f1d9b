package org.therapychat.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core depends on nothing; adapters depend on core, never on each other; only app sees everything. */
class DependencyRulesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the test-jars (core's contracts, the loopback REDCap) are tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.therapychat");

    @Test
    void coreDependsOnNoAdapterAndNoApp() {
        noClasses().that().resideInAPackage("org.therapychat.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.therapychat.persistence..",
                        "org.therapychat.sms..", "org.therapychat.web..", "org.therapychat.app..",
                        "org.therapychat.redcap..")
                .check(ALL);
    }

    @Test
    void adaptersDoNotDependOnEachOtherNorOnTheApp() {
        noClasses().that().resideInAPackage("org.therapychat.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("org.therapychat.sms..", "org.therapychat.web..",
                        "org.therapychat.app..").check(ALL);
        noClasses().that().resideInAPackage("org.therapychat.sms..")
                .should().dependOnClassesThat().resideInAnyPackage("org.therapychat.persistence..",
                        "org.therapychat.web..", "org.therapychat.app..").check(ALL);
        noClasses().that().resideInAPackage("org.therapychat.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.therapychat.persistence..",
                        "org.therapychat.sms..", "org.therapychat.app..", "org.therapychat.redcap..").check(ALL);
        noClasses().that().resideInAPackage("org.therapychat.redcap..")
                .should().dependOnClassesThat().resideInAnyPackage("org.therapychat.persistence..",
                        "org.therapychat.sms..", "org.therapychat.web..", "org.therapychat.app..").check(ALL);
    }

    @Test
    void onlyTheAppUsesGuice() {
        noClasses().that().resideOutsideOfPackage("org.therapychat.app..")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..").check(ALL);
    }
}
