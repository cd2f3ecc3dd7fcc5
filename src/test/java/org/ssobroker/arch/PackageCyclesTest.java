package org.ssobroker.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The feature packages depend on each other in one direction only: no cycle, ever. */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ssobroker");

    @Test
    void featurePackagesAreFreeOfCycles() {
        // An empty import would make every rule below hold vacuously.
        assertThat(MAIN).as("the main classes were imported").hasSizeGreaterThan(100);
        slices().matching("org.ssobroker.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void supportAndSecurityDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("org.ssobroker.support..", "org.ssobroker.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ssobroker.site..", "org.ssobroker.idp..",
                        "org.ssobroker.wizard..", "org.ssobroker.mapping..", "org.ssobroker.provisioning..",
                        "org.ssobroker.login..", "org.ssobroker.token..")
                .check(MAIN);
    }
}
