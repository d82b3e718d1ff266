package io.eventbank.ledger;

import io.eventbank.devstack.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void shouldNotDependOnAnyOtherService() {
        ArchitectureRules.assertServiceIsIndependent("io.eventbank.ledger");
    }

    @Test
    void shouldBuildTheQuerySideWithoutAxon() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .because("the read side is plain Kafka, SQL and Panache")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.eventbank.ledger"));
    }

    @Test
    void shouldTakeEventsApartByTypeNotByReadingJson() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("a read model takes each record as the contracts' record its type names (events/Messages),"
                        + " so the compiler finds every handler when an event changes")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.eventbank.ledger.projection", "io.eventbank.ledger.replay"));
    }
}
