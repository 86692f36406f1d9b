package org.therapychat.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core is the domain and nothing else: only the JDK and itself, no framework, no I/O.
 * {@code javax.crypto} is the JDK's HMAC (the keyed hash of OTP codes), not an outside library.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.therapychat.core");

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.therapychat.core..", "java..", "javax.crypto..")
                .check(CORE);
    }

    @Test
    void coreDoesNoIo() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..")
                .check(CORE);
    }

    @Test
    void inMemoryAdaptersAreNotUsedByTheDomain() {
        // TherapyChatCore is the core's composition root, not domain: its defaults are the in-memory adapters
        noClasses().that().resideOutsideOfPackage("org.therapychat.core.memory..")
                .and().doNotHaveFullyQualifiedName(TherapyChatCore.class.getName())
                .and().doNotHaveFullyQualifiedName(TherapyChatCore.Builder.class.getName())
                .and().doNotHaveFullyQualifiedName(TherapyChatCore.class.getName() + "$1")
                .should().dependOnClassesThat().resideInAPackage("org.therapychat.core.memory..")
                .check(CORE);
    }
}
