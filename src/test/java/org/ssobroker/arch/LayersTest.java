package org.ssobroker.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource, service, data: a REST resource does HTTP (parameters, status, headers) and calls a
 * service, which owns the transactions and the queries and answers records.
 */
class LayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ssobroker");

    @Test
    void resourcesReachTheDataThroughAService() {
        assertThat(MAIN).as("the main classes were imported").hasSizeGreaterThan(100);
        noClasses().that().areAnnotatedWith(Path.class).and().areNotInterfaces()
                .should().dependOnClassesThat().areAssignableTo(PanacheEntityBase.class)
                .orShould().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .check(MAIN);
    }

    @Test
    void transactionsAreTheServicesNotTheResources() {
        noMethods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .should().beAnnotatedWith(Transactional.class)
                .check(MAIN);
    }
}
